package io.tokenjoule.scrape.discovery;

import java.util.Locale;
import java.util.Objects;

/**
 * Something discovery looked at and did not keep as a server, and why.
 *
 * @param reason the kind of reason, for scripts
 * @param subject what was looked at, for example {@code GPU 0 pid 4242 (python3 -m vllm...)} or
 *     {@code http://127.0.0.1:29500}
 * @param detail why, in a sentence; for a permission problem it names the path and the permission
 */
public record DroppedCandidate(Reason reason, String subject, String detail) {

  /** Why a candidate was dropped. */
  public enum Reason {
    /** NVML named a pid that this process table does not show (another pid namespace). */
    PROCESS_NOT_VISIBLE,
    /** The process tree has no listening TCP socket. */
    NO_LISTENING_SOCKET,
    /** The sockets of the tree cannot be attributed: no permission to read its file descriptors. */
    PERMISSION_DENIED,
    /**
     * The tree listens only where the agent cannot connect: loopback inside another network
     * namespace (a pod's), or a namespace with no address of its own.
     */
    UNREACHABLE_SOCKET,
    /** The port answered no metrics page on any path. */
    NO_METRICS_PAGE,
    /** The port serves a metrics page no engine profile recognises. */
    UNKNOWN_ENGINE;

    /** Lowercase, for JSON and logs: {@code no_listening_socket}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DroppedCandidate {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(detail, "detail");
  }
}
