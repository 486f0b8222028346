package io.tokenjoule.agent;

import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuEnergySource;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import io.tokenjoule.source.HostEnergySource;
import io.tokenjoule.source.HostReading;
import io.tokenjoule.source.ProcessUtilizationSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the tick loop reads in one go: the GPUs, then the host's own energy right after them (so
 * both are read at the same moment), the host's readings handed to its meters and, when the host is
 * counted, their total (packages and DRAM) added as one more device for accounting, {@link #HOST}.
 * Owns nothing: the sources belong to the caller. Used from the tick thread only.
 */
final class MeasuredDevices implements GpuEnergySource {

  /** The host's CPU packages and DRAM as one accounted device; never exported as a GPU. */
  static final GpuIdentity HOST = new GpuIdentity(0, "host", "host CPU and DRAM (RAPL)");

  /** RAPL counters move about every millisecond. */
  private static final double HOST_UPDATE_SECONDS = 0.001;

  private final GpuEnergySource gpus;
  private final Optional<HostEnergySource> host;
  private final boolean countHost;
  private final Consumer<List<HostReading>> hostReadings;

  /**
   * @param countHost whether the host's total is accounted as {@link #HOST}
   * @param hostReadings told every host reading, for the meters
   */
  MeasuredDevices(
      GpuEnergySource gpus,
      Optional<HostEnergySource> host,
      boolean countHost,
      Consumer<List<HostReading>> hostReadings) {
    this.gpus = gpus;
    this.host = host;
    this.countHost = countHost && host.isPresent();
    this.hostReadings = hostReadings;
  }

  /**
   * Whether the host's total can be counted now: it has domains in its total and all of them read.
   *
   * @return empty when it can, else why not
   */
  static Optional<String> hostUncountable(HostEnergySource host) {
    List<HostReading> readings = host.read();
    List<HostReading> inTotal = readings.stream().filter(r -> r.domain().inHostTotal()).toList();
    if (inTotal.isEmpty()) {
      return Optional.of("no RAPL package or DRAM domain among " + host.domains());
    }
    return inTotal.stream()
        .filter(r -> r instanceof HostReading.Down)
        .map(r -> ((HostReading.Down) r).detail())
        .findFirst();
  }

  /** The host devices for accounting: {@link #HOST} when the host is counted, else none. */
  List<GpuIdentity> hostDevices() {
    return countHost ? List.of(HOST) : List.of();
  }

  @Override
  public String sourceLabel() {
    return gpus.sourceLabel();
  }

  @Override
  public List<GpuIdentity> gpus() {
    if (!countHost) {
      return gpus.gpus();
    }
    List<GpuIdentity> all = new ArrayList<>(gpus.gpus());
    all.add(HOST);
    return all;
  }

  @Override
  public List<GpuReading> read() {
    List<GpuReading> readings = gpus.read();
    if (host.isEmpty()) {
      return readings;
    }
    List<HostReading> hostNow = host.get().read();
    hostReadings.accept(hostNow);
    if (!countHost) {
      return readings;
    }
    List<GpuReading> all = new ArrayList<>(readings);
    all.add(total(hostNow));
    return all;
  }

  /** The packages' and DRAM's energy summed, down when any of them is. */
  private static GpuReading total(List<HostReading> readings) {
    double joules = 0;
    double timestamp = 0;
    double uncertainty = 0;
    int counted = 0;
    for (HostReading reading : readings) {
      if (!reading.domain().inHostTotal()) {
        continue;
      }
      if (reading instanceof HostReading.Down down) {
        return new GpuReading.Down(HOST, down.timestampSeconds(), down.reason(), down.detail());
      }
      HostReading.Up up = (HostReading.Up) reading;
      joules += up.energyJoules();
      timestamp += up.timestampSeconds();
      uncertainty = Math.max(uncertainty, up.timeUncertaintySeconds());
      counted++;
    }
    return new GpuReading.Up(
        HOST,
        timestamp / counted,
        uncertainty,
        joules,
        EnergyMethod.COUNTER,
        HOST_UPDATE_SECONDS,
        Double.NaN,
        GpuGauges.UNKNOWN);
  }

  @Override
  public ProcessUtilizationSource processUtilization() {
    return gpus.processUtilization();
  }

  @Override
  public String driverVersion() {
    return gpus.driverVersion();
  }

  @Override
  public void close() {}
}
