package io.tokenjoule.scrape.discovery;

import io.tokenjoule.MonotonicClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

  private record Snapshot(
      double readAtSeconds,
      Map<Integer, ProcessInfo> byPid,
      Map<Integer, List<ProcessInfo>> kids) {}

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
    return Optional.ofNullable(current().byPid().get(pid));
  }

  @Override
  public List<ProcessInfo> children(int pid) {
    return current().kids().getOrDefault(pid, List.of());
  }

  private synchronized Snapshot current() {
    double now = clock.nowSeconds();
    if (snapshot == null || now - snapshot.readAtSeconds() > maxAgeSeconds) {
      Map<Integer, ProcessInfo> byPid = new HashMap<>();
      Map<Integer, List<ProcessInfo>> kids = new HashMap<>();
      for (OSProcess process : os.getProcesses()) {
        ProcessInfo info = info(process);
        byPid.put(info.pid(), info);
        kids.computeIfAbsent(info.parentPid(), p -> new ArrayList<>()).add(info);
      }
      snapshot = new Snapshot(now, byPid, kids);
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
