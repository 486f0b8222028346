package io.tokenjoule.scrape.discovery;

import java.util.Objects;

/**
 * A GPU a discovered server runs on.
 *
 * @param index the driver's index, a label only
 * @param uuid the GPU's UUID, which identifies it
 */
public record DiscoveredGpu(int index, String uuid) implements Comparable<DiscoveredGpu> {
  public DiscoveredGpu {
    Objects.requireNonNull(uuid, "uuid");
  }

  @Override
  public int compareTo(DiscoveredGpu other) {
    int byIndex = Integer.compare(index, other.index);
    return byIndex != 0 ? byIndex : uuid.compareTo(other.uuid);
  }
}
