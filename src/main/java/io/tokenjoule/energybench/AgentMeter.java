package io.tokenjoule.energybench;

import io.tokenjoule.scrape.ExpositionFormat;
import io.tokenjoule.scrape.ExpositionLimitException;
import io.tokenjoule.scrape.ExpositionParser;
import io.tokenjoule.scrape.FetchedPage;
import io.tokenjoule.scrape.MetricsPageClient;
import io.tokenjoule.scrape.ParseResult;
import io.tokenjoule.scrape.ParserLimits;
import io.tokenjoule.scrape.Sample;
import io.tokenjoule.scrape.SampleSelector;
import io.tokenjoule.scrape.ScrapeLimits;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A remote tokenjoule agent's {@code tokenjoule_gpu_energy_joules_total} counters, read from its
 * {@code /metrics} page and summed over the selected GPUs ({@code gpu} label), for a server on
 * another host. The agent's counters are already reset-corrected; the reading is stamped at the
 * midpoint between sending the request and receiving the response head, when the agent answered.
 */
public final class AgentMeter implements EnergyMeter {

  /** The agent's energy counter, as the metric contract names it. */
  public static final String METRIC = "tokenjoule_gpu_energy_joules_total";

  private static final double GPU_COUNTER_UPDATE_SECONDS = 0.1;

  private static final String ACCEPT = "text/plain; version=0.0.4";

  private final MetricsPageClient client;
  private final URI url;
  private final Set<String> selectedGpus;
  private final ScrapeLimits limits;
  private final Set<String> seenGpus = new TreeSet<>();

  /**
   * @param url the agent's metrics page, for example {@code http://gpu-host:9847/metrics}
   * @param selectedGpus {@code gpu} label values to sum; empty for every GPU on the page
   */
  public AgentMeter(
      MetricsPageClient client, URI url, List<String> selectedGpus, double timeoutSeconds) {
    this.client = client;
    this.url = url;
    this.selectedGpus = Set.copyOf(selectedGpus);
    this.limits = new ScrapeLimits(timeoutSeconds, 16L << 20, 100_000);
  }

  @Override
  public Reading read() throws EnergyReadException {
    FetchedPage page;
    try {
      page =
          client
              .fetch(url, ACCEPT, limits)
              .toCompletionStage()
              .toCompletableFuture()
              .get(Math.round(limits.timeoutSeconds() * 1000) + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new EnergyReadException(e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw new EnergyReadException(url + ": no answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnergyReadException("interrupted");
    }
    ParseResult parsed;
    try {
      parsed =
          ExpositionParser.parse(
              page.body(),
              0,
              page.length(),
              ExpositionFormat.fromContentType(page.contentType()),
              SampleSelector.names(METRIC),
              ParserLimits.DEFAULT);
    } catch (ExpositionLimitException e) {
      throw new EnergyReadException(url + ": " + e.getMessage());
    }
    double total = 0;
    Set<String> found = new TreeSet<>();
    for (Sample sample : parsed.samples()) {
      String gpu = sample.labels().getOrDefault("gpu", "");
      if (selectedGpus.isEmpty() || selectedGpus.contains(gpu)) {
        total += sample.value();
        found.add(gpu);
      }
    }
    if (found.isEmpty()) {
      throw new EnergyReadException(
          url + ": no " + METRIC + (selectedGpus.isEmpty() ? "" : " for gpu " + selectedGpus));
    }
    if (!selectedGpus.isEmpty() && !found.containsAll(selectedGpus)) {
      Set<String> missing = new TreeSet<>(selectedGpus);
      missing.removeAll(found);
      throw new EnergyReadException(url + ": no " + METRIC + " for gpu " + missing);
    }
    synchronized (seenGpus) {
      seenGpus.addAll(found);
    }
    return new Reading(page.counterTimestampSeconds(), total);
  }

  /**
   * The agent publishes, at each tick, the GPU counter it has just read, which NVML updates about
   * every 100 ms: the value bench sees first was reached up to that much before the agent's tick.
   */
  @Override
  public double stalenessSeconds() {
    return GPU_COUNTER_UPDATE_SECONDS;
  }

  @Override
  public String sourceLabel() {
    return "agent";
  }

  @Override
  public String location() {
    return url.toString();
  }

  @Override
  public List<String> gpus() {
    synchronized (seenGpus) {
      return List.copyOf(seenGpus);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
