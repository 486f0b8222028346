package io.tokenjoule.source.rapl;

import io.tokenjoule.source.HostDomain;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One RAPL energy zone of the Linux powercap framework: a directory {@code intel-rapl:0} (a CPU
 * package, or the platform, {@code psys}) or {@code intel-rapl:0:1} (one of its parts: {@code
 * core}, {@code uncore}, {@code dram}) under {@code /sys/class/powercap}, holding {@code name},
 * {@code energy_uj} (a counter in µJ that wraps at {@code max_energy_range_uj}) and {@code
 * max_energy_range_uj}. AMD processors' zones are named {@code amd-rapl:...} on some kernels, and
 * are read the same way; the MMIO interface ({@code intel-rapl-mmio:...}) repeats the package
 * counters and is not read.
 *
 * @param id the directory's name, such as {@code intel-rapl:0:1}
 * @param domain the zone as a {@code domain} label: its own name for a top-level zone ({@code
 *     package-0}), its package's and its own for a part ({@code package-0/dram})
 * @param energyFile its {@code energy_uj}
 * @param maxEnergyRangeJoules where the counter wraps to 0, J; 0 when the kernel does not say
 */
public record RaplZone(String id, HostDomain domain, Path energyFile, double maxEnergyRangeJoules) {

  /** {@code intel-rapl:0}, {@code intel-rapl:0:1}, {@code amd-rapl:0}. */
  private static final Pattern ZONE = Pattern.compile("(intel|amd)-rapl(:\\d+)(:\\d+)?");

  public RaplZone {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(energyFile, "energyFile");
  }

  /**
   * The RAPL zones under {@code powercapDir}, packages before their parts, in directory order;
   * empty when there is no such directory or no RAPL zone in it (a virtual machine, an ARM host). A
   * zone whose {@code name} cannot be read is left out.
   */
  public static List<RaplZone> find(Path powercapDir) throws IOException {
    if (!Files.isDirectory(powercapDir)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(powercapDir)) {
      for (Path entry : entries) {
        if (ZONE.matcher(entry.getFileName().toString()).matches()) {
          ids.add(entry.getFileName().toString());
        }
      }
    }
    ids.sort(RaplZone::compareIds);
    Map<String, String> names = new HashMap<>();
    for (String id : ids) {
      readName(powercapDir.resolve(id)).ifPresent(name -> names.put(id, name));
    }
    List<RaplZone> zones = new ArrayList<>();
    Set<String> domains = new HashSet<>();
    for (String id : ids) {
      Matcher parts = ZONE.matcher(id);
      parts.matches();
      String name = names.get(id);
      String parent =
          parts.group(3) == null ? null : names.get(parts.group(1) + "-rapl" + parts.group(2));
      if (name == null || (parts.group(3) != null && parent == null)) {
        continue;
      }
      String label = parent == null ? name : parent + "/" + name;
      if (!domains.add(label)) {
        label = label + "@" + id;
        domains.add(label);
      }
      boolean inTotal =
          parent == null ? name.startsWith("package") || name.equals("dram") : name.equals("dram");
      Path dir = powercapDir.resolve(id);
      zones.add(
          new RaplZone(
              id,
              new HostDomain(label, inTotal),
              dir.resolve("energy_uj"),
              readMicrojoules(dir.resolve("max_energy_range_uj")) / 1e6));
    }
    return List.copyOf(zones);
  }

  /** By control type, then package number, then part number (a package before its parts). */
  private static int compareIds(String a, String b) {
    String[] x = a.split(":");
    String[] y = b.split(":");
    int type = x[0].compareTo(y[0]);
    if (type != 0) {
      return type;
    }
    for (int i = 1; i < Math.min(x.length, y.length); i++) {
      int part = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (part != 0) {
        return part;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static Optional<String> readName(Path dir) {
    try {
      String name = Files.readString(dir.resolve("name")).strip();
      return name.isEmpty() ? Optional.empty() : Optional.of(name);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A µJ value from a sysfs file, or 0 when it cannot be read. */
  private static double readMicrojoules(Path file) {
    try {
      return Long.parseLong(Files.readString(file).strip());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }
}
