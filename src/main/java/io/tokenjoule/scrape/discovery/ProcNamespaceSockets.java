package io.tokenjoule.scrape.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Listening TCP sockets of processes in any network namespace, read from Linux {@code /proc}. A
 * process in the agent's own namespace ({@code /proc/<pid>/ns/net} links to the same {@code
 * net:[inode]} as {@code /proc/self/ns/net}) is left to the delegate. For a process in another
 * namespace (a Kubernetes pod on the pod network, seen through hostPID) this reads that namespace's
 * {@code /proc/<pid>/net/tcp} and {@code tcp6}, keeps the sockets in state LISTEN whose inode one
 * of the process's {@code /proc/<pid>/fd} links names ({@code socket:[inode]}), and gives each the
 * address to connect at from outside the namespace:
 *
 * <ul>
 *   <li>bound to a specific non-loopback address: that address;
 *   <li>bound to {@code 0.0.0.0}: the namespace's first IPv4 address of its own, a {@code /32 host
 *       LOCAL} leaf of {@code /proc/<pid>/net/fib_trie} outside 127.0.0.0/8 (the pod IP);
 *   <li>bound to {@code ::}: the namespace's first global IPv6 address in {@code
 *       /proc/<pid>/net/if_inet6}, else its IPv4 address (a dual-stack socket accepts IPv4);
 *   <li>bound to loopback, or to a wildcard in a namespace with no address of its own: left out, as
 *       nothing outside the namespace can reach it; {@link #whyUnreachable} says so.
 * </ul>
 *
 * <p>Reading another process's {@code ns/net} and {@code fd} links takes root, or the same user, or
 * {@code CAP_SYS_PTRACE} (and {@code CAP_DAC_READ_SEARCH} to list {@code fd}); {@link
 * #whyUnattributable} names the path and the fix. Off Linux (no {@code <procRoot>/self}) everything
 * goes to the delegate. Stateless and thread-safe when the delegate is; each call reads anew.
 */
public final class ProcNamespaceSockets implements ListeningSockets {

  private final Path procRoot;
  private final ListeningSockets sameNamespace;
  private final ProcFiles files;
  private final ByteOrder kernelOrder;

  /**
   * @param procRoot where {@code /proc} is: {@code /proc} on Linux
   * @param sameNamespace reads the sockets of processes in the agent's own network namespace
   */
  public ProcNamespaceSockets(Path procRoot, ListeningSockets sameNamespace) {
    this(procRoot, sameNamespace, ProcFiles.SYSTEM, ByteOrder.nativeOrder());
  }

  ProcNamespaceSockets(
      Path procRoot, ListeningSockets sameNamespace, ProcFiles files, ByteOrder kernelOrder) {
    this.procRoot = Objects.requireNonNull(procRoot, "procRoot");
    this.sameNamespace = Objects.requireNonNull(sameNamespace, "sameNamespace");
    this.files = Objects.requireNonNull(files, "files");
    this.kernelOrder = Objects.requireNonNull(kernelOrder, "kernelOrder");
  }

  /**
   * The file reads this class makes, so that tests can refuse one as the kernel would for a root
   * test runner. Each method throws {@link AccessDeniedException} when refused.
   */
  interface ProcFiles {
    List<String> lines(Path file) throws IOException;

    Path link(Path link) throws IOException;

    List<Path> entries(Path directory) throws IOException;

    /** The owning user's name, or {@code unknown}. */
    String owner(Path path);

    ProcFiles SYSTEM =
        new ProcFiles() {
          @Override
          public List<String> lines(Path file) throws IOException {
            return Files.readAllLines(file);
          }

          @Override
          public Path link(Path link) throws IOException {
            return Files.readSymbolicLink(link);
          }

          @Override
          public List<Path> entries(Path directory) throws IOException {
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
              stream.forEach(entries::add);
            }
            return entries;
          }

          @Override
          public String owner(Path path) {
            try {
              return Files.getOwner(path).getName();
            } catch (IOException | UnsupportedOperationException e) {
              return "unknown";
            }
          }
        };
  }

  /** One socket of a process in another namespace: where to connect, or why it cannot be. */
  private record Found(ProcNetText.Listener listener, Optional<String> connectAt, String whyNot) {}

  @Override
  public List<ListeningSocket> listening(Collection<Integer> pids) {
    Optional<String> self = selfNamespace();
    if (self.isEmpty()) {
      return sameNamespace.listening(pids);
    }
    List<Integer> here = new ArrayList<>();
    Map<Integer, String> elsewhere = new LinkedHashMap<>();
    for (int pid : new TreeSet<>(pids)) {
      Optional<String> namespace = namespaceOf(pid);
      if (namespace.isPresent() && !namespace.get().equals(self.get())) {
        elsewhere.put(pid, namespace.get());
      } else {
        here.add(pid); // unknown namespace: the delegate's reading, and whyUnattributable, apply
      }
    }
    List<ListeningSocket> found =
        new ArrayList<>(here.isEmpty() ? List.of() : sameNamespace.listening(here));
    Map<String, Optional<Namespace>> namespaces = new HashMap<>();
    elsewhere.forEach(
        (pid, namespace) -> {
          Optional<Namespace> read =
              namespaces.computeIfAbsent(namespace, n -> readNamespace(pid, n));
          if (read.isPresent()) {
            for (Found socket : socketsOf(pid, read.get())) {
              socket
                  .connectAt()
                  .ifPresent(
                      host -> found.add(new ListeningSocket(host, socket.listener().port(), pid)));
            }
          }
        });
    return found;
  }

  @Override
  public Optional<String> whyUnattributable(int pid) {
    Optional<String> self = selfNamespace();
    if (self.isEmpty()) {
      return sameNamespace.whyUnattributable(pid);
    }
    Path link = pidPath(pid).resolve("ns").resolve("net");
    String namespace;
    try {
      namespace = files.link(link).toString();
    } catch (AccessDeniedException e) {
      return Optional.of(
          "cannot read "
              + link
              + ": owned by user "
              + files.owner(pidPath(pid))
              + ", so its network namespace, and with it its listening sockets, cannot be found;"
              + " run the agent as that user or as root, or grant it CAP_SYS_PTRACE; in"
              + " Kubernetes also hostPID: true");
    } catch (IOException e) {
      return Optional.empty(); // gone since it was listed: nothing to explain
    }
    if (namespace.equals(self.get())) {
      return sameNamespace.whyUnattributable(pid);
    }
    for (String table : List.of("tcp", "tcp6")) {
      Path file = pidPath(pid).resolve("net").resolve(table);
      try {
        files.lines(file);
      } catch (AccessDeniedException e) {
        return Optional.of(
            "cannot read "
                + file
                + " of network namespace "
                + namespace
                + ": owned by user "
                + files.owner(pidPath(pid))
                + ", so the sockets of that namespace cannot be listed; run the agent as root or"
                + " grant it CAP_SYS_PTRACE; in Kubernetes also hostPID: true");
      } catch (IOException e) {
        // absent (no IPv6) or gone: nothing to explain
      }
    }
    Path fd = pidPath(pid).resolve("fd");
    try {
      for (Path entry : files.entries(fd)) {
        files.link(entry);
        break;
      }
      return Optional.empty();
    } catch (AccessDeniedException e) {
      return Optional.of(OshiListeningSockets.fdUnreadable(fd, files.owner(fd)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Names the listening sockets of {@code pid} that were left out because nothing outside its
   * network namespace can reach them; empty when there are none.
   */
  @Override
  public Optional<String> whyUnreachable(int pid) {
    Optional<String> self = selfNamespace();
    Optional<String> namespace = namespaceOf(pid);
    if (self.isEmpty() || namespace.isEmpty() || namespace.equals(self)) {
      return sameNamespace.whyUnreachable(pid);
    }
    Optional<Namespace> read = readNamespace(pid, namespace.get());
    if (read.isEmpty()) {
      return Optional.empty();
    }
    List<String> reasons = new ArrayList<>();
    for (Found socket : socketsOf(pid, read.get())) {
      if (socket.connectAt().isEmpty()) {
        reasons.add(socket.whyNot());
      }
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }

  /** One other network namespace's listening sockets and own addresses, read through one pid. */
  private record Namespace(
      String id,
      List<ProcNetText.Listener> listeners,
      Optional<String> ipv4,
      Optional<String> ipv6) {}

  private Optional<Namespace> readNamespace(int pid, String id) {
    Path net = pidPath(pid).resolve("net");
    List<ProcNetText.Listener> listeners = new ArrayList<>();
    try {
      listeners.addAll(ProcNetText.listeners(files.lines(net.resolve("tcp")), kernelOrder));
    } catch (IOException e) {
      return Optional.empty(); // unreadable or gone: whyUnattributable explains the former
    }
    try {
      listeners.addAll(ProcNetText.listeners(files.lines(net.resolve("tcp6")), kernelOrder));
    } catch (IOException e) {
      // a kernel without IPv6
    }
    Optional<String> ipv4;
    try {
      ipv4 = ProcNetText.localIpv4(files.lines(net.resolve("fib_trie"))).stream().findFirst();
    } catch (IOException e) {
      ipv4 = Optional.empty();
    }
    Optional<String> ipv6;
    try {
      ipv6 = ProcNetText.globalIpv6(files.lines(net.resolve("if_inet6"))).stream().findFirst();
    } catch (IOException e) {
      ipv6 = Optional.empty();
    }
    return Optional.of(new Namespace(id, listeners, ipv4, ipv6));
  }

  /** The namespace's listeners that {@code pid} holds open, each resolved to where to connect. */
  private List<Found> socketsOf(int pid, Namespace namespace) {
    Set<Long> held = socketInodes(pid);
    List<Found> found = new ArrayList<>();
    for (ProcNetText.Listener listener : namespace.listeners()) {
      if (held.contains(listener.inode())) {
        found.add(resolve(pid, listener, namespace));
      }
    }
    return found;
  }

  private Found resolve(int pid, ProcNetText.Listener listener, Namespace namespace) {
    InetAddress bound = listener.bound();
    String where =
        "pid "
            + pid
            + " listens on "
            + hostPort(OshiListeningSockets.address(bound.getAddress()), listener.port())
            + " in network namespace "
            + namespace.id()
            + ", not the agent's";
    if (bound.isLoopbackAddress()) {
      return new Found(
          listener,
          Optional.empty(),
          where
              + ", and loopback there cannot be reached from outside it; make the server listen"
              + " on its pod's address (vLLM: --host 0.0.0.0), or run the agent in that namespace"
              + " (hostNetwork: true, for a server on the host's network)");
    }
    if (!bound.isAnyLocalAddress()) {
      return new Found(
          listener, Optional.of(OshiListeningSockets.address(bound.getAddress())), null);
    }
    Optional<String> host =
        bound instanceof Inet4Address
            ? namespace.ipv4()
            : namespace.ipv6().or(() -> namespace.ipv4());
    if (host.isPresent()) {
      return new Found(listener, host, null);
    }
    return new Found(
        listener,
        Optional.empty(),
        where
            + ", and the namespace has no address of its own to reach it at (none in "
            + pidPath(pid).resolve("net").resolve("fib_trie")
            + " or if_inet6)");
  }

  private Set<Long> socketInodes(int pid) {
    Set<Long> inodes = new HashSet<>();
    List<Path> fds;
    try {
      fds = files.entries(pidPath(pid).resolve("fd"));
    } catch (IOException e) {
      return inodes; // whyUnattributable explains a refusal
    }
    for (Path fd : fds) {
      try {
        ProcNetText.socketInode(files.link(fd).toString()).ifPresent(inodes::add);
      } catch (IOException e) {
        // closed since listed, or refused: whyUnattributable explains a refusal
      }
    }
    return inodes;
  }

  private Optional<String> selfNamespace() {
    try {
      return Optional.of(
          files.link(procRoot.resolve("self").resolve("ns").resolve("net")).toString());
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  private Optional<String> namespaceOf(int pid) {
    try {
      return Optional.of(files.link(pidPath(pid).resolve("ns").resolve("net")).toString());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Path pidPath(int pid) {
    return procRoot.resolve(Integer.toString(pid));
  }

  private static String hostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
