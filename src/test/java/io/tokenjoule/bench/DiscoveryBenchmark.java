package io.tokenjoule.bench;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.scrape.discovery.ListeningSockets.ListeningSocket;
import io.tokenjoule.scrape.discovery.OshiListeningSockets;
import io.tokenjoule.scrape.discovery.OshiProcessTable;
import io.tokenjoule.scrape.discovery.ProcessTable.ProcessInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import oshi.SystemInfo;
import oshi.software.os.OperatingSystem;

/**
 * What discovery's OSHI reads cost on this host, each once per discovery run: the whole process
 * table (one snapshot answers every parent and child lookup of the run), one process alone (for
 * comparison: a child lookup through OSHI scans the whole table), and the listening sockets with
 * their owners (which reads every process's {@code /proc/<pid>/fd}). The numbers scale with the
 * host's process and socket counts. Run: {@code mvn -o -q -Pbench test-compile exec:exec
 * -Dbench=DiscoveryBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class DiscoveryBenchmark {

  private OperatingSystem os;
  private OshiListeningSockets sockets;
  private int self;

  @Setup
  public void open() {
    os = new SystemInfo().getOperatingSystem();
    sockets = new OshiListeningSockets(os, Path.of("/proc"));
    self = os.getProcessId();
  }

  @Benchmark
  public Optional<ProcessInfo> processTableSnapshot() {
    return new OshiProcessTable(os, MonotonicClock.SYSTEM, 0).process(self);
  }

  @Benchmark
  public Object oneProcess() {
    return os.getProcess(self);
  }

  @Benchmark
  public Object childrenOfOneProcessThroughOshi() {
    return os.getChildProcesses(self, null, null, 0);
  }

  @Benchmark
  public List<ListeningSocket> listeningSockets() {
    return sockets.listening();
  }
}
