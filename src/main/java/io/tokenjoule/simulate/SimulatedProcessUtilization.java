package io.tokenjoule.simulate;

import io.tokenjoule.source.ProcessUtilization;
import io.tokenjoule.source.ProcessUtilizationSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulated servers' per-process SM utilisation as a {@link ProcessUtilizationSource}: one
 * process per server ({@link SimulatedWorld#pid}), busy in proportion to the power it drives. For
 * the demo and for tests only; its figures are as simulated as the GPUs they split.
 */
public final class SimulatedProcessUtilization implements ProcessUtilizationSource {

  private final SimulatedWorld world;

  public SimulatedProcessUtilization(SimulatedWorld world) {
    this.world = world;
  }

  @Override
  public Map<String, ProcessUtilization> read() {
    Map<String, ProcessUtilization> byUuid = new LinkedHashMap<>();
    world
        .readProcessUtilization()
        .forEach((gpu, byPid) -> byUuid.put(gpu.uuid(), new ProcessUtilization(gpu.uuid(), byPid)));
    return byUuid;
  }
}
