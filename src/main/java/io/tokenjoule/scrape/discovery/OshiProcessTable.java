package io.tokenjoule.scrape.discovery;

import io.tokenjoule.MonotonicClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * The process table as OSHI reads it ({@code /proc} on Linux). One read of every process serves all
 * calls for {@code maxAgeSeconds}, since a discovery run asks about many pids in a row and OSHI's
 * per-pid child lookups each scan the whole table. Another user's process is listed with its name
 * and user; its command line may be empty where the platform hides it. Thread-safe.
 */
public final class OshiProcessTable implements ProcessTable {

  private final OperatingSystem os;
  private final MonotonicClock clock;
  private final double maxAgeSeconds;
  private Snapshot snapshot;

  /**
   * One read of the table. Command lines are read only for the processes asked about (OSHI reads
   * each one's {@code /proc/<pid>/cmdline} on demand), which keeps a snapshot near the cost of
   * listing the processes.
   */
  private record Snapshot(
      double readAtSeconds,
      Map<Integer, OSProcess> byPid,
      Map<Integer, List<Integer>> kids,
      Map<Integer, ProcessInfo> described) {

    Optional<ProcessInfo> describe(int pid) {
      OSProcess process = byPid.get(pid);
      return process == null
          ? Optional.empty()
          : Optional.of(described.computeIfAbsent(pid, p -> info(process)));
    }
  }

  /**
   * @param maxAgeSeconds how long one read of the table answers calls; 0 reads on every call
   */
  public OshiProcessTable(OperatingSystem os, MonotonicClock clock, double maxAgeSeconds) {
    this.os = Objects.requireNonNull(os, "os");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxAgeSeconds = maxAgeSeconds;
  }

  @Override
  public Optional<ProcessInfo> process(int pid) {
    return current().describe(pid);
  }

  @Override
  public List<ProcessInfo> children(int pid) {
    Snapshot snapshot = current();
    List<ProcessInfo> children = new ArrayList<>();
    for (int child : snapshot.kids().getOrDefault(pid, List.of())) {
      snapshot.describe(child).ifPresent(children::add);
    }
    return children;
  }

  private synchronized Snapshot current() {
    double now = clock.nowSeconds();
    if (snapshot == null || now - snapshot.readAtSeconds() > maxAgeSeconds) {
      Map<Integer, OSProcess> byPid = new HashMap<>();
      Map<Integer, List<Integer>> kids = new HashMap<>();
      for (OSProcess process : os.getProcesses()) {
        byPid.put(process.getProcessID(), process);
        kids.computeIfAbsent(Math.max(0, process.getParentProcessID()), p -> new ArrayList<>())
            .add(process.getProcessID());
      }
      snapshot = new Snapshot(now, byPid, kids, new ConcurrentHashMap<>());
    }
    return snapshot;
  }

  static ProcessInfo info(OSProcess process) {
    List<String> arguments = process.getArguments();
    String commandLine =
        arguments.isEmpty()
            ? process.getCommandLine().replace('\0', ' ').trim()
            : String.join(" ", arguments);
    String user = process.getUser();
    if (user == null || user.isBlank() || user.equals("unknown")) {
      user = process.getUserID() == null ? "" : process.getUserID();
    }
    return new ProcessInfo(
        process.getProcessID(),
        Math.max(0, process.getParentProcessID()),
        process.getName() == null ? "" : process.getName(),
        commandLine,
        user);
  }
}
