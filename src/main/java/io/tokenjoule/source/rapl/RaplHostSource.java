package io.tokenjoule.source.rapl;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.SourceLabel;
import io.tokenjoule.source.HostDomain;
import io.tokenjoule.source.HostEnergySource;
import io.tokenjoule.source.HostReading;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The host's energy from its RAPL zones (source label {@code rapl}): each read takes every zone's
 * {@code energy_uj}, converts µJ to J, and undoes the counter's wrap-around at {@code
 * max_energy_range_uj}, so each domain's energy only grows.
 *
 * <p>A zone that cannot be read is {@link HostReading.Down} with a named reason, while the others
 * carry on: {@code permission_denied} (since Linux 5.10 {@code energy_uj} is readable by root only;
 * the detail says how to grant it), {@code missing} (the zone went away), {@code unreadable} (not a
 * number) or {@code read_error}. Not thread-safe: one reader, the agent's tick thread.
 */
public final class RaplHostSource implements HostEnergySource {

  /** Reads one sysfs file; replaced in tests to refuse as the kernel does. */
  @FunctionalInterface
  interface CounterFiles {
    String read(Path file) throws IOException;
  }

  private final List<RaplZone> zones;
  private final List<HostDomain> domains;
  private final MonotonicClock clock;
  private final CounterFiles files;
  private final long[] lastMicrojoules;
  private final double[] totalJoules;

  /**
   * @param zones the zones to read, as {@link RaplZone#find} lists them; not empty
   */
  public RaplHostSource(List<RaplZone> zones, MonotonicClock clock) {
    this(zones, clock, Files::readString);
  }

  RaplHostSource(List<RaplZone> zones, MonotonicClock clock, CounterFiles files) {
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("RAPL needs at least one zone");
    }
    this.zones = List.copyOf(zones);
    this.domains = this.zones.stream().map(RaplZone::domain).toList();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.files = Objects.requireNonNull(files, "files");
    this.lastMicrojoules = new long[zones.size()];
    this.totalJoules = new double[zones.size()];
    Arrays.fill(lastMicrojoules, -1);
  }

  @Override
  public String sourceLabel() {
    return SourceLabel.RAPL;
  }

  @Override
  public List<HostDomain> domains() {
    return domains;
  }

  @Override
  public List<HostReading> read() {
    double start = clock.nowSeconds();
    List<String> raw = new ArrayList<>(zones.size());
    List<IOException> failures = new ArrayList<>(zones.size());
    for (RaplZone zone : zones) {
      try {
        raw.add(files.read(zone.energyFile()));
        failures.add(null);
      } catch (IOException e) {
        raw.add(null);
        failures.add(e);
      }
    }
    double end = clock.nowSeconds();
    double at = (start + end) / 2;
    List<HostReading> readings = new ArrayList<>(zones.size());
    for (int i = 0; i < zones.size(); i++) {
      readings.add(reading(i, raw.get(i), failures.get(i), at, (end - start) / 2));
    }
    return readings;
  }

  private HostReading reading(
      int i, String text, IOException failure, double at, double uncertainty) {
    RaplZone zone = zones.get(i);
    if (failure != null) {
      return down(zone, at, failure);
    }
    long microjoules;
    try {
      microjoules = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      microjoules = -1;
    }
    if (microjoules < 0) {
      return new HostReading.Down(
          zone.domain(),
          at,
          "unreadable",
          zone.energyFile() + " holds '" + text.strip() + "', not a count of microjoules");
    }
    totalJoules[i] += increaseJoules(zone, lastMicrojoules[i], microjoules);
    lastMicrojoules[i] = microjoules;
    return new HostReading.Up(zone.domain(), at, uncertainty, totalJoules[i]);
  }

  /**
   * The energy between two counter values: the difference, or across a wrap-around the rest of the
   * range plus the new value; the whole first value, so the total starts where the counter is.
   */
  private static double increaseJoules(RaplZone zone, long last, long now) {
    if (last < 0) {
      return now / 1e6;
    }
    if (now >= last) {
      return (now - last) / 1e6;
    }
    double range = zone.maxEnergyRangeJoules();
    return range > last / 1e6 ? range - last / 1e6 + now / 1e6 : now / 1e6;
  }

  private static HostReading.Down down(RaplZone zone, double at, IOException failure) {
    Path file = zone.energyFile();
    if (failure instanceof AccessDeniedException) {
      return new HostReading.Down(
          zone.domain(),
          at,
          "permission_denied",
          file
              + " is readable by root only (Linux 5.10 and later); let the agent's group read it"
              + " with a udev rule, or run the agent with CAP_DAC_READ_SEARCH (see README, Host"
              + " energy)");
    }
    if (failure instanceof NoSuchFileException) {
      return new HostReading.Down(zone.domain(), at, "missing", file + " no longer exists");
    }
    return new HostReading.Down(
        zone.domain(), at, "read_error", "cannot read " + file + ": " + failure.getMessage());
  }

  @Override
  public void close() {}
}
