package io.tokenjoule.account;

import java.util.List;

/**
 * Everything accounting knows at the end of one tick. Immutable; published whole so exporters never
 * see half a tick.
 *
 * @param timestampSeconds the tick time, on the agent's monotonic clock
 * @param gpus one entry per GPU, in source order
 * @param servers one entry per configured server, in configuration order
 */
public record AccountingSnapshot(
    double timestampSeconds, List<GpuAccount> gpus, List<ServerAccount> servers) {
  public AccountingSnapshot {
    gpus = List.copyOf(gpus);
    servers = List.copyOf(servers);
  }
}
