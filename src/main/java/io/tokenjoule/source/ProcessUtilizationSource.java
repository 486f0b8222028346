package io.tokenjoule.source;

import java.util.Map;

/**
 * Per-process SM utilisation of GPUs, which decides how a GPU shared by several servers splits its
 * energy among them.
 *
 * <p>Each call covers the interval since the previous call, so one caller (the agent's tick) owns a
 * source; call it right after reading the GPUs' energy, so both cover the same interval.
 * Implementations are used from one thread at a time.
 */
public interface ProcessUtilizationSource {

  /** A source that never has samples: every shared GPU is then split by tokens. */
  ProcessUtilizationSource NONE = Map::of;

  /**
   * The processes' SM utilisation per GPU UUID since the previous call. A GPU is absent when no
   * per-process sample is available for it: the device does not support it (MIG, older boards), no
   * process ran a kernel in the interval, or the read failed. Never throws for one GPU.
   */
  Map<String, ProcessUtilization> read();
}
