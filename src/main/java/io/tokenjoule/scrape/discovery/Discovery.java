package io.tokenjoule.scrape.discovery;

import io.tokenjoule.scrape.discovery.DroppedCandidate.Reason;
import io.tokenjoule.scrape.discovery.ListeningSockets.ListeningSocket;
import io.tokenjoule.scrape.discovery.PortProber.PortProbe;
import io.tokenjoule.scrape.discovery.ProcessTable.ProcessInfo;
import io.tokenjoule.source.GpuProcesses;
import io.tokenjoule.source.GpuProcesses.GpuCompute;
import io.tokenjoule.source.GpuProcesses.GpuProcessesUnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Finds the inference servers running on this host's GPUs. From each GPU's compute processes it
 * walks to the server's whole process tree ({@link ServerProcessTree}), collects the tree's
 * listening TCP sockets, and probes each port's metrics paths until an engine profile recognises a
 * page. GPU workers of one tree (a tensor-parallel group) make one server with all their GPUs; two
 * trees on one GPU make two servers sharing it.
 *
 * <p>Each run reads a fresh snapshot of its sources; it holds no state between runs. Thread-safe
 * when its sources are. A run probes every port at once and blocks until all have answered: about
 * one probe timeout per metrics path at most.
 */
public final class Discovery {

  private final ProcessTable processes;
  private final ListeningSockets sockets;
  private final GpuProcesses gpus;
  private final PortProber prober;

  public Discovery(
      ProcessTable processes, ListeningSockets sockets, GpuProcesses gpus, PortProber prober) {
    this.processes = Objects.requireNonNull(processes, "processes");
    this.sockets = Objects.requireNonNull(sockets, "sockets");
    this.gpus = Objects.requireNonNull(gpus, "gpus");
    this.prober = Objects.requireNonNull(prober, "prober");
  }

  /** One server's process tree as found from its GPU workers. */
  private static final class Candidate {
    final ProcessInfo top;
    final Set<DiscoveredGpu> gpus = new TreeSet<>();
    final Set<Integer> gpuPids = new TreeSet<>();

    Candidate(ProcessInfo top) {
      this.top = top;
    }
  }

  /** A port being probed, all at once, so that slow ports cost one timeout in all. */
  private record Probing(
      Candidate candidate, ListeningSocket socket, CompletableFuture<PortProbe> answer) {}

  /**
   * Runs discovery once.
   *
   * @throws GpuProcessesUnavailableException when the GPUs cannot be asked for their processes
   */
  public DiscoveryResult discover() throws GpuProcessesUnavailableException {
    List<DroppedCandidate> dropped = new ArrayList<>();
    Map<Integer, Candidate> byTop = candidates(gpus.read(), dropped);
    Map<Candidate, Set<Integer>> membersOf = new LinkedHashMap<>();
    Set<Integer> allMembers = new TreeSet<>();
    for (Candidate candidate : byTop.values()) {
      Set<Integer> members = ServerProcessTree.members(processes, candidate.top.pid());
      membersOf.put(candidate, members);
      allMembers.addAll(members);
    }
    List<ListeningSocket> listening = byTop.isEmpty() ? List.of() : sockets.listening(allMembers);
    List<Probing> probing = new ArrayList<>();
    for (Map.Entry<Candidate, Set<Integer>> tree : membersOf.entrySet()) {
      Candidate candidate = tree.getKey();
      Set<Integer> members = tree.getValue();
      Map<Integer, ListeningSocket> ports = portsOf(members, listening);
      if (ports.isEmpty()) {
        dropped.add(noSocket(candidate, members));
      }
      for (ListeningSocket socket : ports.values()) {
        probing.add(
            new Probing(
                candidate, socket, prober.probe(connectHost(socket.address()), socket.port())));
      }
    }
    Map<String, DiscoveredServer> servers = new TreeMap<>();
    for (Probing each : probing) {
      ListeningSocket socket = each.socket();
      PortProbe probe = answerOf(each);
      if (probe instanceof PortProbe.Recognised found) {
        add(servers, each.candidate(), socket, found);
      } else if (probe instanceof PortProbe.Unrecognised page) {
        dropped.add(
            new DroppedCandidate(
                Reason.UNKNOWN_ENGINE, page.metricsUrl() + " " + owner(socket), page.reason()));
      } else if (probe instanceof PortProbe.NoMetricsPage none) {
        dropped.add(
            new DroppedCandidate(
                Reason.NO_METRICS_PAGE,
                "port " + socket.port() + " " + owner(socket),
                none.reason()));
      }
    }
    return new DiscoveryResult(List.copyOf(servers.values()), dropped);
  }

  /** The probe's answer; a prober that failed (a bug, not the port) reads as no page. */
  private static PortProbe answerOf(Probing probing) {
    try {
      return probing.answer().join();
    } catch (CompletionException e) {
      return new PortProbe.NoMetricsPage("probe failed: " + e.getCause());
    }
  }

  /** Groups the GPUs' compute processes by the top of their server's tree. */
  private Map<Integer, Candidate> candidates(
      List<GpuCompute> gpus, List<DroppedCandidate> dropped) {
    Map<Integer, Candidate> byTop = new TreeMap<>();
    List<GpuCompute> ordered = new ArrayList<>(gpus);
    ordered.sort(Comparator.comparingInt(GpuCompute::index));
    for (GpuCompute gpu : ordered) {
      for (int pid : new TreeSet<>(gpu.pids())) {
        Optional<ProcessInfo> worker = processes.process(pid);
        if (worker.isEmpty()) {
          dropped.add(
              new DroppedCandidate(
                  Reason.PROCESS_NOT_VISIBLE,
                  "GPU " + gpu.index() + " pid " + pid,
                  "not in this host's process table (it exited, or NVML sees the host's pids from"
                      + " inside a container: run the agent with hostPID)"));
          continue;
        }
        ProcessInfo top = ServerProcessTree.top(processes, worker.get());
        Candidate candidate = byTop.computeIfAbsent(top.pid(), p -> new Candidate(top));
        candidate.gpus.add(new DiscoveredGpu(gpu.index(), gpu.uuid()));
        candidate.gpuPids.add(pid);
      }
    }
    return byTop;
  }

  /** The tree's listening sockets, one per port (IPv4 preferred), by port. */
  private static Map<Integer, ListeningSocket> portsOf(
      Set<Integer> members, List<ListeningSocket> listening) {
    Map<Integer, ListeningSocket> ports = new TreeMap<>();
    for (ListeningSocket socket : listening) {
      if (members.contains(socket.ownerPid())) {
        ports.merge(socket.port(), socket, (a, b) -> a.address().contains(":") ? b : a);
      }
    }
    return ports;
  }

  private DroppedCandidate noSocket(Candidate candidate, Set<Integer> members) {
    String subject =
        "GPU "
            + candidate.gpus.stream().map(g -> Integer.toString(g.index())).toList()
            + " pids "
            + candidate.gpuPids
            + " under pid "
            + candidate.top.pid()
            + " ("
            + abbreviate(candidate.top.describe())
            + ")";
    for (int pid : members) {
      Optional<String> why = sockets.whyUnattributable(pid);
      if (why.isPresent()) {
        return new DroppedCandidate(Reason.PERMISSION_DENIED, subject, why.get());
      }
    }
    for (int pid : members) {
      Optional<String> why = sockets.whyUnreachable(pid);
      if (why.isPresent()) {
        return new DroppedCandidate(Reason.UNREACHABLE_SOCKET, subject, why.get());
      }
    }
    return new DroppedCandidate(
        Reason.NO_LISTENING_SOCKET,
        subject,
        "none of its " + members.size() + " process(es) listens on a TCP port");
  }

  private void add(
      Map<String, DiscoveredServer> servers,
      Candidate candidate,
      ListeningSocket socket,
      PortProbe.Recognised found) {
    String name = found.engine() + "-" + socket.port();
    if (servers.containsKey(name) && !servers.get(name).metricsUrl().equals(found.metricsUrl())) {
      name = name + "-" + socket.address();
    }
    DiscoveredServer previous = servers.get(name);
    Set<DiscoveredGpu> gpusOfServer = new TreeSet<>(candidate.gpus);
    Set<Integer> pids = new TreeSet<>(candidate.gpuPids);
    if (previous != null) {
      gpusOfServer.addAll(previous.gpus());
      pids.addAll(previous.gpuPids());
    }
    servers.put(
        name,
        new DiscoveredServer(
            name,
            found.metricsUrl(),
            found.engine(),
            found.models(),
            List.copyOf(gpusOfServer),
            socket.ownerPid(),
            List.copyOf(pids)));
  }

  /**
   * Where to connect for a socket bound to {@code address}: loopback for a wildcard. A socket in
   * another network namespace comes with its pod's address already, which is kept as it is.
   */
  static String connectHost(String address) {
    if (address.equals("0.0.0.0") || address.isEmpty()) {
      return "127.0.0.1";
    }
    if (address.equals("::") || address.equals("0:0:0:0:0:0:0:0")) {
      return "::1";
    }
    return address;
  }

  private String owner(ListeningSocket socket) {
    String command =
        processes.process(socket.ownerPid()).map(p -> abbreviate(p.describe())).orElse("gone");
    return "of pid " + socket.ownerPid() + " (" + command + ")";
  }

  private static String abbreviate(String command) {
    return command.length() <= 80 ? command : command.substring(0, 77) + "...";
  }
}
