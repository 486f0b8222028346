package io.tokenjoule.scrape.discovery;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats.TcpState;
import oshi.software.os.OperatingSystem;

/**
 * Listening TCP sockets as OSHI reads them. On Linux OSHI reads {@code /proc/net/tcp} and {@code
 * tcp6}, which list every socket of the network namespace, then finds each socket's owner by
 * reading the {@code /proc/<pid>/fd} links of every process: a process whose links it may not read
 * (another user's, without root or both {@code CAP_DAC_READ_SEARCH} and {@code CAP_SYS_PTRACE})
 * owns its sockets invisibly, and they come back with owner -1: measured as user nobody, every
 * root-owned listener read -1, and both capabilities together (neither alone) fixed it. {@link
 * #whyUnattributable} names that case. Thread-safe.
 */
public final class OshiListeningSockets implements ListeningSockets {

  private final OperatingSystem os;
  private final Path procRoot;

  /**
   * @param procRoot where {@code /proc} is, to explain unreadable descriptors; {@code /proc} on
   *     Linux
   */
  public OshiListeningSockets(OperatingSystem os, Path procRoot) {
    this.os = Objects.requireNonNull(os, "os");
    this.procRoot = Objects.requireNonNull(procRoot, "procRoot");
  }

  /** Every socket of this network namespace in state LISTEN, whichever process owns it. */
  @Override
  public List<ListeningSocket> listening(Collection<Integer> pids) {
    return listening();
  }

  /** Every TCP socket of this network namespace in state LISTEN, IPv4 and IPv6, read now. */
  public List<ListeningSocket> listening() {
    List<ListeningSocket> found = new ArrayList<>();
    for (IPConnection connection : os.getInternetProtocolStats().getConnections()) {
      if (connection.getType().startsWith("tcp")
          && connection.getState() == TcpState.LISTEN
          && connection.getLocalPort() > 0) {
        found.add(
            new ListeningSocket(
                address(connection.getLocalAddress()),
                connection.getLocalPort(),
                connection.getowningProcessId()));
      }
    }
    return found;
  }

  /**
   * Reads {@code /proc/<pid>/fd} the way OSHI does; when that is refused, names the directory's
   * owner and what would allow it. Empty off Linux, or when the directory reads.
   */
  @Override
  public Optional<String> whyUnattributable(int pid) {
    Path fd = procRoot.resolve(Integer.toString(pid)).resolve("fd");
    if (!Files.isDirectory(procRoot.resolve("self"))) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> links = Files.newDirectoryStream(fd)) {
      for (Path link : links) {
        Files.readSymbolicLink(link);
        break;
      }
      return Optional.empty();
    } catch (AccessDeniedException e) {
      return Optional.of(fdUnreadable(fd, owner(fd)));
    } catch (IOException e) {
      return Optional.empty(); // gone since it was listed: nothing to explain
    }
  }

  /** Every socket of this namespace is reachable from here: always empty. */
  @Override
  public Optional<String> whyUnreachable(int pid) {
    return Optional.empty();
  }

  /** Why a process's sockets cannot be matched to it when its {@code fd} directory is refused. */
  static String fdUnreadable(Path fd, String owner) {
    return "cannot read "
        + fd
        + ": owned by user "
        + owner
        + ", so its listening sockets cannot be matched to it; run the agent as that user"
        + " or as root, or grant it both CAP_DAC_READ_SEARCH (to list the directory) and"
        + " CAP_SYS_PTRACE (to read its links); in Kubernetes also hostPID: true";
  }

  private static String owner(Path path) {
    try {
      return Files.getOwner(path).getName();
    } catch (IOException | UnsupportedOperationException e) {
      return "unknown";
    }
  }

  /** The address as text: {@code 0.0.0.0}, {@code ::}, {@code 127.0.0.1}, {@code ::1}. */
  static String address(byte[] raw) {
    try {
      InetAddress address = InetAddress.getByAddress(raw);
      if (address instanceof Inet6Address && address.isAnyLocalAddress()) {
        return "::";
      }
      if (address instanceof Inet6Address && address.isLoopbackAddress()) {
        return "::1";
      }
      return address.getHostAddress();
    } catch (UnknownHostException e) {
      return raw.length == 16 ? "::" : "0.0.0.0";
    }
  }
}
