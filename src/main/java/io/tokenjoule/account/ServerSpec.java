package io.tokenjoule.account;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A server as accounting needs it: its name, the GPUs whose energy it is charged with, and the
 * processes it runs on them.
 *
 * @param name the {@code server} label, unique
 * @param engine the {@code engine} label
 * @param gpuUuids the UUIDs of the GPUs it runs on (a tensor-parallel group: all of them), never
 *     empty; a server on a MIG instance names the physical GPU
 * @param pids the ids of its processes on those GPUs, which split a shared GPU by per-process SM
 *     utilisation; empty when unknown (a configured server whose listening process was not found),
 *     and then a shared GPU is split by tokens
 */
public record ServerSpec(String name, String engine, List<String> gpuUuids, Set<Long> pids) {
  public ServerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(engine, "engine");
    gpuUuids = List.copyOf(gpuUuids);
    pids = Set.copyOf(pids);
    if (gpuUuids.isEmpty()) {
      throw new IllegalArgumentException("server " + name + " must run on at least one GPU");
    }
  }

  /** A server whose processes are not known. */
  public ServerSpec(String name, String engine, List<String> gpuUuids) {
    this(name, engine, gpuUuids, Set.of());
  }
}
