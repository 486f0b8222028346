package io.tokenjoule.account;

import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import io.tokenjoule.source.ProcessUtilization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns each tick's GPU readings and server scrapes into an {@link AccountingSnapshot}: GPU energy
 * and power, energy attributed to servers, reset-corrected token counters, and windowed J/token
 * with its error bound.
 *
 * <p>How it measures:
 *
 * <ul>
 *   <li>Every counter is reset-corrected ({@link ResetAwareCounter}).
 *   <li>Each GPU's energy increase of a tick is split among the servers that run on it, whether or
 *       not their scrape succeeded, by the rule {@link AttributionMethod} describes: whole to a
 *       server alone on it; else by its processes' SM utilisation, by token rate, or evenly while
 *       idle. What no server claims (a GPU without servers, processes of no server) is kept as the
 *       GPU's unattributed energy, so attributed plus unattributed is the GPU's energy.
 *   <li>A server's <em>anchor</em> is a tick where its scrape succeeded with a reading newer than
 *       the previous anchor's and all of its GPUs were read. Between consecutive anchors, energy
 *       and tokens are differences of counters read at the same two instants, so a scrape gap loses
 *       nothing. An interval in which any of its counters restarted or a model appeared is dropped
 *       whole, so a restart never spikes J/token.
 *   <li>The window holds the valid intervals that ended within the last {@code windowSeconds};
 *       ratios are ratios of sums over them, NaN when nothing was produced. The error bound is
 *       described in {@link UncertaintyBound}.
 * </ul>
 *
 * <p>Pure computation: no clock, no I/O. Not thread-safe: call {@link #tick} from one thread. A
 * tick rejected with an exception changes nothing.
 */
public final class Accountant {

  private final boolean simulatedGpus;
  private final List<GpuLedger> gpus = new ArrayList<>();
  private final List<GpuLedger> hostDevices = new ArrayList<>();
  private final Map<String, GpuLedger> gpusByUuid = new HashMap<>();
  private final List<ServerLedger> servers = new ArrayList<>();
  private final Set<String> serverNames = new HashSet<>();
  private final Map<GpuLedger, List<Slot>> slotsByGpu = new LinkedHashMap<>();

  /** A server on a GPU: the server's ledger and the GPU's position among its GPUs. */
  private record Slot(ServerLedger server, int index) {}

  /**
   * @param windowSeconds the length of the sliding window (s), {@code > 0}
   * @param gpus the GPUs readings will come for, in the order snapshots list them
   * @param servers the servers, in the order snapshots list them; names unique, every GPU UUID
   *     among {@code gpus}
   * @param simulatedGpus whether the GPU readings come from a simulator
   * @throws IllegalArgumentException naming the offending value when any of that does not hold
   */
  public Accountant(
      double windowSeconds,
      List<GpuIdentity> gpus,
      List<ServerSpec> servers,
      boolean simulatedGpus) {
    this(windowSeconds, gpus, List.of(), servers, simulatedGpus);
  }

  /**
   * An accountant that also charges every server a share of the host's own energy.
   *
   * @param hostDevices energy counters of the host that every server shares (the CPU packages and
   *     DRAM, read as one), whose readings come with the GPUs'; split among all servers by {@link
   *     AttributionMethod#HOST}, not counted as hardware the server holds, and not among the
   *     snapshot's GPUs
   * @see #Accountant(double, List, List, boolean)
   */
  public Accountant(
      double windowSeconds,
      List<GpuIdentity> gpus,
      List<GpuIdentity> hostDevices,
      List<ServerSpec> servers,
      boolean simulatedGpus) {
    if (!(windowSeconds > 0) || Double.isInfinite(windowSeconds)) {
      throw new IllegalArgumentException(
          "the window must be finite and > 0 seconds, got " + windowSeconds);
    }
    Objects.requireNonNull(gpus, "gpus");
    Objects.requireNonNull(servers, "servers");
    this.simulatedGpus = simulatedGpus;
    for (GpuIdentity gpu : gpus) {
      GpuLedger ledger = new GpuLedger(gpu, windowSeconds);
      if (gpusByUuid.putIfAbsent(gpu.uuid(), ledger) != null) {
        throw new IllegalArgumentException("GPU " + gpu.uuid() + " is listed twice");
      }
      this.gpus.add(ledger);
    }
    for (GpuIdentity device : hostDevices) {
      GpuLedger ledger = new GpuLedger(device, windowSeconds);
      if (gpusByUuid.putIfAbsent(device.uuid(), ledger) != null) {
        throw new IllegalArgumentException("device " + device.uuid() + " is listed twice");
      }
      this.hostDevices.add(ledger);
    }
    Map<String, Integer> serversPerGpu = countServersPerGpu(servers);
    for (GpuLedger gpu : this.gpus) {
      slotsByGpu.put(gpu, new ArrayList<>());
    }
    for (GpuLedger device : this.hostDevices) {
      slotsByGpu.put(device, new ArrayList<>());
    }
    for (ServerSpec spec : servers) {
      int ownGpus = spec.gpuUuids().size();
      GpuLedger[] ledgers = new GpuLedger[ownGpus + this.hostDevices.size()];
      // A host device is no hardware the server holds: its share stays 0 until charged.
      double[] shares = new double[ledgers.length];
      for (int i = 0; i < ledgers.length; i++) {
        if (i >= ownGpus) {
          ledgers[i] = this.hostDevices.get(i - ownGpus);
          continue;
        }
        String uuid = spec.gpuUuids().get(i);
        ledgers[i] = gpusByUuid.get(uuid);
        shares[i] = 1.0 / serversPerGpu.get(uuid);
      }
      ServerLedger server = new ServerLedger(spec, ledgers, shares, windowSeconds);
      for (int i = 0; i < ledgers.length; i++) {
        slotsByGpu.get(ledgers[i]).add(new Slot(server, i));
      }
      this.servers.add(server);
      serverNames.add(spec.name());
    }
  }

  /** Validates the servers against the GPUs and counts, per GPU UUID, the servers running on it. */
  private Map<String, Integer> countServersPerGpu(List<ServerSpec> servers) {
    Set<String> names = new HashSet<>();
    Map<Long, String> pidOwners = new HashMap<>();
    Map<String, Integer> serversPerGpu = new HashMap<>();
    for (ServerSpec spec : servers) {
      if (!names.add(spec.name())) {
        throw new IllegalArgumentException("server name " + spec.name() + " is used twice");
      }
      for (Long pid : spec.pids()) {
        String owner = pidOwners.putIfAbsent(pid, spec.name());
        if (owner != null) {
          throw new IllegalArgumentException(
              "process " + pid + " is listed for servers " + owner + " and " + spec.name());
        }
      }
      Set<String> own = new HashSet<>();
      for (String uuid : spec.gpuUuids()) {
        if (!gpusByUuid.containsKey(uuid)) {
          throw new IllegalArgumentException(
              "server "
                  + spec.name()
                  + " runs on GPU "
                  + uuid
                  + ", which is not among the GPUs read: "
                  + gpusByUuid.keySet());
        }
        if (!own.add(uuid)) {
          throw new IllegalArgumentException(
              "server " + spec.name() + " lists GPU " + uuid + " twice");
        }
        serversPerGpu.merge(uuid, 1, Integer::sum);
      }
    }
    return serversPerGpu;
  }

  /**
   * Whether per-process utilisation can decide a split: some GPU runs several servers whose process
   * ids are all known. When not, reading it would be wasted.
   */
  public boolean usesProcessUtilization() {
    for (GpuLedger gpu : gpus) {
      List<Slot> slots = slotsByGpu.get(gpu);
      if (slots.size() > 1
          && slots.stream().noneMatch(slot -> slot.server().spec().pids().isEmpty())) {
        return true;
      }
    }
    return false;
  }

  /** Accounts one tick without per-process utilisation: shared GPUs are split by tokens. */
  public AccountingSnapshot tick(
      double nowSeconds, List<GpuReading> gpuReadings, Map<String, ServerReading> serverReadings) {
    return tick(nowSeconds, gpuReadings, serverReadings, Map.of());
  }

  /**
   * Accounts one tick.
   *
   * @param nowSeconds the tick time on the agent's monotonic clock (s); the window ends here
   * @param gpuReadings this tick's readings, at most one per GPU given to the constructor; a GPU
   *     without a reading counts as down with reason {@value GpuLedger#NOT_READ}
   * @param serverReadings this tick's successful scrapes by server name; a configured server that
   *     is missing failed this tick
   * @param processUtilization per GPU UUID, its processes' SM utilisation over this tick's interval
   *     ({@link io.tokenjoule.source.ProcessUtilizationSource#read()}); a GPU absent has none
   * @return the immutable state after this tick
   * @throws IllegalArgumentException for a reading of an unknown GPU, two readings of one GPU, or a
   *     scrape of an unknown server; nothing is changed then
   */
  public AccountingSnapshot tick(
      double nowSeconds,
      List<GpuReading> gpuReadings,
      Map<String, ServerReading> serverReadings,
      Map<String, ProcessUtilization> processUtilization) {
    Map<GpuLedger, GpuReading> byLedger = matchReadings(gpuReadings);
    for (String name : serverReadings.keySet()) {
      if (!serverNames.contains(name)) {
        throw new IllegalArgumentException("a scrape came for unknown server " + name);
      }
    }
    for (GpuLedger gpu : allDevices()) {
      GpuReading reading = byLedger.get(gpu);
      if (reading == null) {
        gpu.markDown(GpuLedger.NOT_READ);
      } else {
        gpu.apply(reading);
      }
    }
    for (ServerLedger server : servers) {
      server.observe(serverReadings.get(server.name()));
    }
    for (GpuLedger gpu : gpus) {
      attribute(gpu, processUtilization.get(gpu.gpu().uuid()), nowSeconds, null);
    }
    for (GpuLedger device : hostDevices) {
      attribute(device, null, nowSeconds, AttributionMethod.HOST);
    }
    for (ServerLedger server : servers) {
      server.settle(serverReadings.get(server.name()), nowSeconds);
    }
    List<GpuAccount> gpuAccounts = new ArrayList<>(gpus.size());
    for (GpuLedger gpu : gpus) {
      gpuAccounts.add(gpu.account());
    }
    List<ServerAccount> serverAccounts = new ArrayList<>(servers.size());
    for (ServerLedger server : servers) {
      serverAccounts.add(server.account(simulatedGpus));
    }
    return new AccountingSnapshot(nowSeconds, gpuAccounts, serverAccounts);
  }

  private List<GpuLedger> allDevices() {
    if (hostDevices.isEmpty()) {
      return gpus;
    }
    List<GpuLedger> all = new ArrayList<>(gpus);
    all.addAll(hostDevices);
    return all;
  }

  /**
   * Splits the GPU's increase of this tick among its servers. The last server's part is the rest of
   * the increase, so the parts add up to it.
   *
   * @param chargedAs the method the charges are booked under, or null for the split's own
   */
  private void attribute(
      GpuLedger gpu,
      ProcessUtilization utilization,
      double nowSeconds,
      AttributionMethod chargedAs) {
    double increase = gpu.increaseJoules();
    List<Slot> slots = slotsByGpu.get(gpu);
    if (slots.isEmpty()) {
      gpu.leaveUnattributed(increase);
      return;
    }
    List<ShareRule.Claim> claims = new ArrayList<>(slots.size());
    for (Slot slot : slots) {
      claims.add(
          new ShareRule.Claim(slot.server().spec().pids(), slot.server().tokenRate(nowSeconds)));
    }
    ShareRule.Split split = ShareRule.split(claims, utilization);
    double[] shares = split.shares();
    double[] alternative = ShareRule.alternative(claims, split);
    double left = increase;
    for (int i = 0; i < slots.size(); i++) {
      boolean last = i == slots.size() - 1;
      double joules =
          last && split.method() != AttributionMethod.SM_UTILIZATION
              ? left
              : Math.min(left, increase * shares[i]);
      left -= joules;
      slots
          .get(i)
          .server()
          .charge(
              slots.get(i).index(),
              chargedAs == null ? split.method() : chargedAs,
              shares[i],
              joules,
              Math.abs(shares[i] - alternative[i]) * increase);
    }
    gpu.leaveUnattributed(left);
  }

  private Map<GpuLedger, GpuReading> matchReadings(List<GpuReading> readings) {
    Map<GpuLedger, GpuReading> byLedger = new LinkedHashMap<>();
    for (GpuReading reading : readings) {
      GpuLedger ledger = gpusByUuid.get(reading.gpu().uuid());
      if (ledger == null) {
        throw new IllegalArgumentException(
            "a reading came for unknown GPU " + reading.gpu().uuid());
      }
      if (byLedger.put(ledger, reading) != null) {
        throw new IllegalArgumentException(
            "two readings came for GPU " + reading.gpu().uuid() + " in one tick");
      }
    }
    return byLedger;
  }
}
