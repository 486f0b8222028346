package io.tokenjoule.scrape.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tokenjoule.scrape.discovery.DroppedCandidate.Reason;
import io.tokenjoule.scrape.discovery.ListeningSockets.ListeningSocket;
import io.tokenjoule.scrape.discovery.ProcNamespaceSockets.ProcFiles;
import io.tokenjoule.scrape.discovery.ProcNetText.Listener;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fake {@code /proc} with the agent's network namespace and two pods' namespaces, in the formats
 * of the kernel's Documentation/networking/proc_net_tcp.rst (tcp, tcp6), net/ipv4/fib_trie.c
 * (fib_trie) and net/ipv6/addrconf.c (if_inet6), as read on a little-endian host.
 */
class ProcNamespaceSocketsTest {

  private static final String AGENT_NS = "net:[4026531840]";
  private static final String POD_NS = "net:[4026532612]";
  private static final String LOOPBACK_POD_NS = "net:[4026532700]";

  private static final String TCP_HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
          + " inode";
  private static final String TCP6_HEADER =
      "  sl  local_address                         remote_address                        st"
          + " tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

  /** The pod's IPv4 table: vLLM on 0.0.0.0:8000, one client connected, torch on 127.0.0.1. */
  private static final List<String> POD_TCP =
      List.of(
          TCP_HEADER,
          "   0: 00000000:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000      "
              + "  0 51001 1 0000000000000000 100 0 0 10 0",
          "   1: 0100007F:733C 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000      "
              + "  0 51002 1 0000000000000000 100 0 0 10 0",
          "   2: 1101F40A:1F40 0100F40A:A8CA 01 00000000:00000000 02:000AFC6B 00000000  1000      "
              + "  0 51003 2 0000000000000000 20 4 30 10 -1");

  /** The pod's IPv6 table: a dual-stack listener on [::]:8001 and ZeroMQ on [::1]:5555. */
  private static final List<String> POD_TCP6 =
      List.of(
          TCP6_HEADER,
          "   0: 00000000000000000000000000000000:1F41 00000000000000000000000000000000:0000 0A"
              + " 00000000:00000000 00:00000000 00000000  1000        0 51005 1 0000000000000000"
              + " 100 0 0 10 0",
          "   1: 00000000000000000000000001000000:15B3 00000000000000000000000000000000:0000 0A"
              + " 00000000:00000000 00:00000000 00000000  1000        0 51004 1 0000000000000000"
              + " 100 0 0 10 0");

  private static final List<String> POD_FIB_TRIE =
      fibTrie(
          "     +-- 10.244.1.0/24 2 0 2",
          "        +-- 10.244.1.0/27 2 0 2",
          "           |-- 10.244.1.0",
          "              /24 link UNICAST",
          "           |-- 10.244.1.17",
          "              /32 host LOCAL",
          "        |-- 10.244.1.255",
          "           /32 link BROADCAST");

  /** A pod with only loopback and link-local IPv6, as in a single-stack IPv4 cluster. */
  private static final List<String> POD_IF_INET6 =
      List.of(
          "00000000000000000000000000000001 01 80 10 80       lo",
          "fe80000000000000a8c1abfffe2f1e4b 03 40 20 80     eth0");

  @TempDir Path proc;

  private final FakeHost agentNamespace = new FakeHost();
  private final Set<Path> refused = new HashSet<>();
  private ProcNamespaceSockets sockets;

  @BeforeEach
  void fakeProc() throws IOException {
    link("self/ns/net", AGENT_NS);

    link("100/ns/net", AGENT_NS); // a server in the agent's own namespace
    link("100/fd/3", "socket:[9001]");
    agentNamespace.listens(100, "127.0.0.1", 9000);

    link("200/ns/net", POD_NS); // the pod's vLLM API server
    lines("200/net/tcp", POD_TCP);
    lines("200/net/tcp6", POD_TCP6);
    lines("200/net/fib_trie", POD_FIB_TRIE);
    lines("200/net/if_inet6", POD_IF_INET6);
    link("200/fd/0", "anon_inode:[eventfd]");
    link("200/fd/3", "socket:[51001]");
    link("200/fd/4", "socket:[51003]");
    link("200/fd/5", "pipe:[777]");
    link("200/fd/6", "socket:[51005]");

    link("201/ns/net", POD_NS); // its engine core in the same pod: loopback only
    copyNet("200", "201");
    link("201/fd/7", "socket:[51002]");
    link("201/fd/8", "socket:[51004]");

    link("300/ns/net", LOOPBACK_POD_NS); // another pod whose server listens on 127.0.0.1 only
    lines(
        "300/net/tcp",
        List.of(
            TCP_HEADER,
            "   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0    "
                + "    0 61001 1 0000000000000000 100 0 0 10 0"));
    lines("300/net/fib_trie", fibTrie("     |-- 10.244.1.18", "        /32 host LOCAL"));
    link("300/fd/3", "socket:[61001]");

    sockets = new ProcNamespaceSockets(proc, agentNamespace, refusing(), ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void aPodsWildcardListenerIsReachedAtThePodAddress() {
    assertEquals(
        List.of(
            new ListeningSocket("10.244.1.17", 8000, 200),
            new ListeningSocket("10.244.1.17", 8001, 200)),
        sockets.listening(List.of(200)));
    assertEquals(List.of(), agentNamespace.asked, "no pid of the agent's namespace was asked");
  }

  @Test
  void pidsInTheAgentsNamespaceGoThroughTheDelegate() {
    List<ListeningSocket> found = sockets.listening(List.of(200, 100));

    assertEquals(List.of(Set.of(100)), agentNamespace.asked);
    assertEquals(
        List.of(
            new ListeningSocket("127.0.0.1", 9000, 100),
            new ListeningSocket("10.244.1.17", 8000, 200),
            new ListeningSocket("10.244.1.17", 8001, 200)),
        found);
  }

  @Test
  void aLoopbackListenerInAPodIsLeftOutWithTheReason() {
    assertEquals(List.of(), sockets.listening(List.of(201, 300)));

    assertEquals(
        Optional.of(
            "pid 300 listens on 127.0.0.1:8000 in network namespace net:[4026532700], not the"
                + " agent's, and loopback there cannot be reached from outside it; make the server"
                + " listen on its pod's address (vLLM: --host 0.0.0.0), or run the agent in that"
                + " namespace (hostNetwork: true, for a server on the host's network)"),
        sockets.whyUnreachable(300));
    String engineCore = sockets.whyUnreachable(201).orElseThrow();
    assertEquals(
        List.of("127.0.0.1:29500", "[::1]:5555"),
        Pattern.compile("pid 201 listens on (\\S+) ")
            .matcher(engineCore)
            .results()
            .map(m -> m.group(1))
            .toList(),
        engineCore);
    assertEquals(Optional.empty(), sockets.whyUnreachable(200));
    assertEquals(Optional.empty(), sockets.whyUnreachable(100));
  }

  @Test
  void aWildcardInANamespaceWithoutAnAddressIsLeftOut() throws IOException {
    lines("300/net/fib_trie", fibTrie());
    lines(
        "300/net/tcp",
        List.of(
            TCP_HEADER,
            "   0: 00000000:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0    "
                + "    0 61001 1 0000000000000000 100 0 0 10 0"));

    assertEquals(List.of(), sockets.listening(List.of(300)));
    assertEquals(
        Optional.of(
            "pid 300 listens on 0.0.0.0:8000 in network namespace net:[4026532700], not the"
                + " agent's, and the namespace has no address of its own to reach it at (none in "
                + proc.resolve("300/net/fib_trie")
                + " or if_inet6)"),
        sockets.whyUnreachable(300));
  }

  @Test
  void anIpv6WildcardPrefersTheNamespacesGlobalIpv6Address() throws IOException {
    lines(
        "200/net/if_inet6",
        List.of(
            "00000000000000000000000000000001 01 80 10 80       lo",
            "fd00000000000000000000000000a011 03 40 00 00     eth0",
            "fe80000000000000a8c1abfffe2f1e4b 03 40 20 80     eth0"));

    assertEquals(
        List.of(
            new ListeningSocket("10.244.1.17", 8000, 200),
            new ListeningSocket("fd00:0:0:0:0:0:0:a011", 8001, 200)),
        sockets.listening(List.of(200)));
  }

  @Test
  void anUnreadableFdDirectoryNamesThePermission() {
    refused.add(proc.resolve("200/fd"));

    assertEquals(List.of(), sockets.listening(List.of(200)));
    assertEquals(
        Optional.of(
            "cannot read "
                + proc.resolve("200/fd")
                + ": owned by user vllm, so its listening sockets cannot be matched to it; run the"
                + " agent as that user or as root, or grant it both CAP_DAC_READ_SEARCH (to list"
                + " the directory) and CAP_SYS_PTRACE (to read its links); in Kubernetes also"
                + " hostPID: true"),
        sockets.whyUnattributable(200));
    assertEquals(Optional.empty(), sockets.whyUnattributable(201));
  }

  @Test
  void anUnreadableNamespaceLinkNamesThePermissionAndFallsBackToTheDelegate() {
    refused.add(proc.resolve("200/ns/net"));

    assertEquals(agentNamespace.sockets, sockets.listening(List.of(200)));
    assertEquals(List.of(Set.of(200)), agentNamespace.asked);
    assertEquals(
        Optional.of(
            "cannot read "
                + proc.resolve("200/ns/net")
                + ": owned by user vllm, so its network namespace, and with it its listening"
                + " sockets, cannot be found; run the agent as that user or as root, or grant it"
                + " CAP_SYS_PTRACE; in Kubernetes also hostPID: true"),
        sockets.whyUnattributable(200));
  }

  @Test
  void anUnreadableSocketTableNamesIt() {
    refused.add(proc.resolve("200/net/tcp"));

    assertEquals(List.of(), sockets.listening(List.of(200)));
    assertEquals(
        Optional.of(
            "cannot read "
                + proc.resolve("200/net/tcp")
                + " of network namespace net:[4026532612]: owned by user vllm, so the sockets of"
                + " that namespace cannot be listed; run the agent as root or grant it"
                + " CAP_SYS_PTRACE; in Kubernetes also hostPID: true"),
        sockets.whyUnattributable(200));
  }

  @Test
  void thePermissionOfAProcessInTheAgentsNamespaceIsTheDelegates() {
    agentNamespace.unreadable(100, "from the delegate");

    assertEquals(Optional.of("from the delegate"), sockets.whyUnattributable(100));
  }

  @Test
  void withoutProcEverythingGoesToTheDelegate(@TempDir Path empty) {
    ProcNamespaceSockets offLinux = new ProcNamespaceSockets(empty, agentNamespace);

    assertEquals(
        List.of(new ListeningSocket("127.0.0.1", 9000, 100)), offLinux.listening(List.of(200)));
    assertEquals(List.of(Set.of(200)), agentNamespace.asked);
    assertEquals(Optional.empty(), offLinux.whyUnattributable(200));
  }

  @Test
  void discoveryProbesThePodAddressAndNamesTheUnreachablePod() throws Exception {
    FakeHost host = new FakeHost().process(1, 0, "systemd", "root");
    host.process(200, 1, "vllm").process(201, 200, "VLLM::EngineCor").gpu(0, 201);
    host.process(300, 1, "python3").gpu(1, 300);
    host.serves(8000, "vllm", "Qwen/Qwen2.5-7B-Instruct");
    Discovery discovery = new Discovery(host, sockets, host, host);

    DiscoveryResult result = discovery.discover();

    assertEquals(List.of("10.244.1.17:8000", "10.244.1.17:8001"), host.probed);
    assertEquals(List.of("vllm-8000"), result.servers().stream().map(s -> s.name()).toList());
    assertEquals(200, result.servers().get(0).listenerPid());
    List<DroppedCandidate> unreachable =
        result.dropped().stream().filter(d -> d.reason() == Reason.UNREACHABLE_SOCKET).toList();
    assertEquals(1, unreachable.size(), () -> result.dropped().toString());
    assertEquals(
        "GPU [1] pids [300] under pid 300 (python3 --pid 300)", unreachable.get(0).subject());
    assertEquals(sockets.whyUnreachable(300).orElseThrow(), unreachable.get(0).detail());
  }

  @Test
  void listenersAreTheLinesInStateListen() {
    List<String> lines = new ArrayList<>(POD_TCP);
    lines.add("garbage");
    assertEquals(
        List.of(
            new Listener(address("0.0.0.0"), 8000, 51001),
            new Listener(address("127.0.0.1"), 29500, 51002)),
        ProcNetText.listeners(lines, ByteOrder.LITTLE_ENDIAN));
    assertEquals(
        List.of(
            new Listener(address("::"), 8001, 51005), new Listener(address("::1"), 5555, 51004)),
        ProcNetText.listeners(POD_TCP6, ByteOrder.LITTLE_ENDIAN));
  }

  @Test
  void ipv4WordsAreInTheKernelsByteOrder() {
    assertEquals("127.0.0.1", hex("0100007F", ByteOrder.LITTLE_ENDIAN));
    assertEquals("10.244.1.17", hex("1101F40A", ByteOrder.LITTLE_ENDIAN));
    assertEquals("10.244.1.17", hex("0AF40111", ByteOrder.BIG_ENDIAN));
    assertEquals("0.0.0.0", hex("00000000", ByteOrder.LITTLE_ENDIAN));
  }

  @Test
  void ipv6IsFourWordsEachInTheKernelsByteOrder() {
    assertEquals("::1", hex("00000000000000000000000001000000", ByteOrder.LITTLE_ENDIAN));
    assertEquals("::1", hex("00000000000000000000000000000001", ByteOrder.BIG_ENDIAN));
    assertEquals(
        "2001:db8:0:0:0:0:0:1", hex("B80D0120000000000000000001000000", ByteOrder.LITTLE_ENDIAN));
    assertEquals(
        "2001:db8:0:0:0:0:0:1", hex("20010DB8000000000000000000000001", ByteOrder.BIG_ENDIAN));
    assertEquals(
        "127.0.0.1",
        hex("0000000000000000FFFF00000100007F", ByteOrder.LITTLE_ENDIAN),
        "IPv4-mapped");
    assertThrows(
        IllegalArgumentException.class,
        () -> ProcNetText.hexAddress("0100007", ByteOrder.LITTLE_ENDIAN));
  }

  @Test
  void fibTrieGivesTheNamespacesOwnAddressesOnceWithoutLoopback() throws IOException {
    assertEquals(List.of("10.244.1.17"), ProcNetText.localIpv4(POD_FIB_TRIE));
    assertEquals(
        List.of("10.244.1.17", "172.17.0.1"),
        ProcNetText.localIpv4(
            fibTrie(
                "     |-- 10.244.1.17",
                "        /32 host LOCAL",
                "     +-- 172.17.0.0/16 2 0 2",
                "        |-- 172.17.0.1",
                "           /32 host LOCAL")));
  }

  @Test
  void ifInet6GivesGlobalAddressesOnly() {
    assertEquals(
        List.of("2001:db8:0:0:0:0:0:11"),
        ProcNetText.globalIpv6(
            List.of(
                "00000000000000000000000000000001 01 80 10 80       lo",
                "20010db8000000000000000000000011 03 40 00 00     eth0",
                "fe80000000000000a8c1abfffe2f1e4b 03 40 20 80     eth0")));
  }

  @Test
  void socketLinksNameTheirInode() {
    assertEquals(Optional.of(51001L), ProcNetText.socketInode("socket:[51001]"));
    assertEquals(Optional.empty(), ProcNetText.socketInode("pipe:[51001]"));
    assertEquals(Optional.empty(), ProcNetText.socketInode("socket:[x]"));
  }

  /** A fib_trie with loopback and the given lines, printed for both tables as the kernel does. */
  private static List<String> fibTrie(String... addresses) {
    List<String> table = new ArrayList<>();
    table.add("  +-- 0.0.0.0/0 3 0 5");
    table.add("     |-- 0.0.0.0");
    table.add("        /0 universe UNICAST");
    table.addAll(List.of(addresses));
    table.addAll(
        List.of(
            "     +-- 127.0.0.0/8 2 0 2",
            "        +-- 127.0.0.0/31 1 0 0",
            "           |-- 127.0.0.0",
            "              /8 host LOCAL",
            "           |-- 127.0.0.1",
            "              /32 host LOCAL",
            "        |-- 127.255.255.255",
            "           /32 link BROADCAST"));
    List<String> file = new ArrayList<>();
    file.add("Main:");
    file.addAll(table);
    file.add("Local:");
    file.addAll(table);
    return file;
  }

  private static String hex(String hex, ByteOrder order) {
    return OshiListeningSockets.address(ProcNetText.hexAddress(hex, order).getAddress());
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The real files, except that paths in {@link #refused} are refused as the kernel would. */
  private ProcFiles refusing() {
    return new ProcFiles() {
      @Override
      public List<String> lines(Path file) throws IOException {
        check(file);
        return ProcFiles.SYSTEM.lines(file);
      }

      @Override
      public Path link(Path link) throws IOException {
        check(link);
        check(link.getParent());
        return ProcFiles.SYSTEM.link(link);
      }

      @Override
      public List<Path> entries(Path directory) throws IOException {
        check(directory);
        return ProcFiles.SYSTEM.entries(directory).stream().sorted().toList();
      }

      @Override
      public String owner(Path path) {
        return "vllm";
      }

      private void check(Path path) throws AccessDeniedException {
        if (refused.contains(path)) {
          throw new AccessDeniedException(path.toString());
        }
      }
    };
  }

  private void link(String path, String target) throws IOException {
    Path link = proc.resolve(path);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of(target));
  }

  private void lines(String path, List<String> lines) throws IOException {
    Path file = proc.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, lines);
  }

  private void copyNet(String from, String to) throws IOException {
    for (String name : new TreeSet<>(List.of("tcp", "tcp6", "fib_trie", "if_inet6"))) {
      lines(to + "/net/" + name, Files.readAllLines(proc.resolve(from + "/net/" + name)));
    }
  }
}
