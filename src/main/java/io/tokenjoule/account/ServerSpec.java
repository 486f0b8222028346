package io.tokenjoule.account;

import java.util.List;
import java.util.Objects;

/**
 * A server as accounting needs it: its name and the GPUs whose energy it is charged with.
 *
 * @param name the {@code server} label, unique
 * @param engine the {@code engine} label
 * @param gpuUuids the UUIDs of the GPUs it runs on (a tensor-parallel group: all of them), never
 *     empty
 */
public record ServerSpec(String name, String engine, List<String> gpuUuids) {
  public ServerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(engine, "engine");
    gpuUuids = List.copyOf(gpuUuids);
    if (gpuUuids.isEmpty()) {
      throw new IllegalArgumentException("server " + name + " must run on at least one GPU");
    }
  }
}
