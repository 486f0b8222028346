package io.tokenjoule.scrape.discovery;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The host's listening TCP sockets and which process owns each. Thread-safe. */
public interface ListeningSockets {

  /**
   * The TCP sockets in state LISTEN, IPv4 and IPv6, that the processes {@code pids} own, read now.
   * It may return sockets of other processes too (the caller keeps those of the pids it asked
   * about). A socket that cannot be reached from this process is left out; {@link #whyUnreachable}
   * names it.
   */
  List<ListeningSocket> listening(Collection<Integer> pids);

  /**
   * Why the sockets of {@code pid} cannot be attributed to it, naming the path and the permission
   * that would fix it; empty when they can.
   */
  Optional<String> whyUnattributable(int pid);

  /**
   * Why listening sockets of {@code pid} were left out although found: nothing here can connect to
   * them (loopback inside another network namespace). Empty when none was left out.
   */
  Optional<String> whyUnreachable(int pid);

  /**
   * One listening socket.
   *
   * @param address the bound address as text ({@code 0.0.0.0}, {@code ::}, {@code 127.0.0.1}); for
   *     a socket in another network namespace, the address to connect at instead (the pod's own
   *     address for a wildcard), never a wildcard or loopback
   * @param port the TCP port
   * @param ownerPid the owning process, or -1 when it could not be found (for example another
   *     user's process, without the permission to read its file descriptors)
   */
  record ListeningSocket(String address, int port, int ownerPid) {
    public ListeningSocket {
      Objects.requireNonNull(address, "address");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1..65535, got " + port);
      }
    }
  }
}
