package io.tokenjoule.agent;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.economics.EconomicsSnapshot;
import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.source.GpuIdentity;
import java.util.List;

/**
 * A server whose token counters come from inside this process (the metering proxy) rather than a
 * scrape. The agent accounts it like any scraped server: its GPUs' energy is attributed to it, and
 * its J/token, cost and carbon come out under its name.
 */
public interface LocalServer {

  /** The {@code server} label, unique among the agent's servers. */
  String name();

  /** The {@code engine} label. */
  String engine();

  /** The GPUs it runs on, resolved against those the agent reads; never empty. */
  List<GpuIdentity> gpus();

  /**
   * Starts feeding one run of the agent (a reload starts a new run); the feed's meters go into
   * {@code registry} and are removed with the run's.
   */
  Feed open(MeterRegistry registry);

  /** One agent run's view of the server. Called from the tick thread only. */
  interface Feed {

    /**
     * The server's counters now, read once per tick after the GPUs, or null while it has none (no
     * request finished yet): it counts as not read this tick.
     */
    ServerReading read(double nowSeconds);

    /**
     * What the tick accounted, the server included, and its economics (null when none are
     * configured).
     */
    void accounted(AccountingSnapshot snapshot, EconomicsSnapshot economics);
  }
}
