package io.tokenjoule.scrape.discovery;

import io.tokenjoule.scrape.discovery.ListeningSockets.ListeningSocket;
import io.tokenjoule.scrape.discovery.PortProber.PortProbe;
import io.tokenjoule.scrape.discovery.ProcessTable.ProcessInfo;
import io.tokenjoule.source.GpuProcesses;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/** A made-up host: processes, listening sockets, GPU processes and what each port answers. */
final class FakeHost implements ProcessTable, ListeningSockets, GpuProcesses, PortProber {

  private final Map<Integer, ProcessInfo> processes = new TreeMap<>();
  final List<ListeningSocket> sockets = new ArrayList<>();
  private final Map<Integer, Set<Integer>> gpuPids = new TreeMap<>();
  private final Map<Integer, String> unreadable = new HashMap<>();
  private final Map<Integer, String> unreachable = new HashMap<>();
  final List<Set<Integer>> asked = new ArrayList<>();
  private final Map<Integer, PortProbe> answers = new HashMap<>();
  final List<String> probed = new ArrayList<>();

  FakeHost process(int pid, int parent, String name, String user) {
    processes.put(pid, new ProcessInfo(pid, parent, name, name + " --pid " + pid, user));
    return this;
  }

  FakeHost process(int pid, int parent, String name) {
    return process(pid, parent, name, "vllm");
  }

  FakeHost listens(int pid, String address, int port) {
    sockets.add(new ListeningSocket(address, port, pid));
    return this;
  }

  FakeHost gpu(int index, Integer... pids) {
    gpuPids.put(index, Set.of(pids));
    return this;
  }

  FakeHost unreachable(int pid, String why) {
    unreachable.put(pid, why);
    return this;
  }

  FakeHost unreadable(int pid, String why) {
    unreadable.put(pid, why);
    return this;
  }

  FakeHost serves(int port, String engine, String... models) {
    answers.put(
        port,
        new PortProbe.Recognised(
            URI.create("http://127.0.0.1:" + port + "/metrics"),
            engine,
            List.of(models),
            "found " + engine + ":generation_tokens_total"));
    return this;
  }

  FakeHost servesUnknownPage(int port) {
    answers.put(
        port,
        new PortProbe.Unrecognised(
            URI.create("http://127.0.0.1:" + port + "/metrics"),
            "no known engine (vllm) among 12 metric names"));
    return this;
  }

  static String uuid(int index) {
    return "GPU-0000000" + index;
  }

  Discovery discovery() {
    return new Discovery(this, this, this, this);
  }

  @Override
  public Optional<ProcessInfo> process(int pid) {
    return Optional.ofNullable(processes.get(pid));
  }

  @Override
  public List<ProcessInfo> children(int pid) {
    return processes.values().stream().filter(p -> p.parentPid() == pid).toList();
  }

  @Override
  public List<ListeningSocket> listening(Collection<Integer> pids) {
    asked.add(new TreeSet<>(pids));
    return List.copyOf(sockets);
  }

  @Override
  public Optional<String> whyUnattributable(int pid) {
    return Optional.ofNullable(unreadable.get(pid));
  }

  @Override
  public Optional<String> whyUnreachable(int pid) {
    return Optional.ofNullable(unreachable.get(pid));
  }

  @Override
  public List<GpuCompute> read() {
    List<GpuCompute> gpus = new ArrayList<>();
    gpuPids.forEach((index, pids) -> gpus.add(new GpuCompute(index, uuid(index), pids)));
    return gpus;
  }

  @Override
  public CompletableFuture<PortProbe> probe(String host, int port) {
    probed.add(host + ":" + port);
    return CompletableFuture.completedFuture(
        answers.getOrDefault(
            port,
            new PortProbe.NoMetricsPage(
                "http://" + host + ":" + port + "/metrics: connection failed (not HTTP)")));
  }
}
