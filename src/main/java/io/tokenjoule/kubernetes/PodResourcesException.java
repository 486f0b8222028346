package io.tokenjoule.kubernetes;

/**
 * The kubelet's pod-resources API could not answer: no socket, no permission on it, a kubelet that
 * does not serve the call, or a timeout. The message names the socket and gRPC's status.
 */
public final class PodResourcesException extends Exception {

  private final boolean unimplemented;

  PodResourcesException(String message, boolean unimplemented, Throwable cause) {
    super(message, cause);
    this.unimplemented = unimplemented;
  }

  /** Whether the kubelet does not serve the call at all (Get before Kubernetes 1.34). */
  public boolean unimplemented() {
    return unimplemented;
  }
}
