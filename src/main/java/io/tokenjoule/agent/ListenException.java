package io.tokenjoule.agent;

/** An HTTP endpoint could not listen: the port is taken, or the address is not this host's. */
public final class ListenException extends RuntimeException {
  public ListenException(String address, Throwable cause) {
    super("cannot listen on " + address + ": " + cause.getMessage(), cause);
  }
}
