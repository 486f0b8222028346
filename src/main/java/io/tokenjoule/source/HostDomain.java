package io.tokenjoule.source;

import java.util.Objects;

/**
 * One energy domain of the host (a CPU package, its DRAM, its cores, the platform).
 *
 * @param name the {@code domain} label, for example {@code package-0} or {@code package-0/dram}
 * @param inHostTotal whether the domain is part of the host's total: packages and DRAM are, while
 *     cores and uncore (inside a package) and the platform ({@code psys}, which contains the
 *     packages) would count twice
 */
public record HostDomain(String name, boolean inHostTotal) {
  public HostDomain {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a host energy domain needs a name");
    }
  }
}
