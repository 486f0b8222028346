package io.tokenjoule.proxy;

import io.tokenjoule.account.tenant.FinishedRequest;
import io.tokenjoule.scrape.EngineCounters;
import io.tokenjoule.scrape.ModelCounters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;

/**
 * The proxy's requests as the agent's tick reads them: counters per model since the proxy started
 * (the server's reading, like a scrape), and the requests finished since the last tick (for the
 * split between tenants). Between two ticks at most {@code maxHeld} requests are kept one by one;
 * past that they are summed per tenant and model, which keeps the split exact and leaves only their
 * one-by-one energy out of the per-request histogram. Thread-safe: event loops record, the tick
 * thread drains.
 */
public final class FinishedRequests implements RequestSink {

  /** The requests finished since the last drain. */
  public record Drained(
      List<FinishedRequest> oneByOne, List<FinishedRequest> summed, boolean busy) {
    public Drained {
      oneByOne = List.copyOf(oneByOne);
      summed = List.copyOf(summed);
    }

    /** Every request, one by one first. */
    public List<FinishedRequest> all() {
      List<FinishedRequest> all = new ArrayList<>(oneByOne);
      all.addAll(summed);
      return all;
    }
  }

  private final int maxHeld;
  private final IntSupplier inFlight;
  private final Map<String, long[]> totalsByModel = new TreeMap<>();
  private List<FinishedRequest> oneByOne = new ArrayList<>();
  private Map<List<String>, long[]> summed = new LinkedHashMap<>();
  private long generatedTotal;
  private long requestsTotal;

  /**
   * @param maxHeld requests kept one by one between two drains
   * @param inFlight how many requests are being forwarded now
   */
  public FinishedRequests(int maxHeld, IntSupplier inFlight) {
    this.maxHeld = maxHeld;
    this.inFlight = inFlight;
  }

  @Override
  public synchronized void record(RequestRecord request) {
    long prompt = request.promptTokens();
    long generated = request.generatedTokens();
    if (prompt + generated == 0 && request.outcome() != RequestOutcome.OK) {
      return; // nothing served: no request, no tokens
    }
    long[] totals = totalsByModel.computeIfAbsent(request.model(), m -> new long[3]);
    totals[0] += prompt;
    totals[1] += generated;
    totals[2]++;
    generatedTotal += generated;
    requestsTotal++;
    if (oneByOne.size() < maxHeld) {
      oneByOne.add(new FinishedRequest(request.tenant(), request.model(), prompt, generated));
    } else {
      long[] sum =
          summed.computeIfAbsent(List.of(request.tenant(), request.model()), k -> new long[2]);
      sum[0] += prompt;
      sum[1] += generated;
    }
  }

  /** Takes the requests finished since the last drain. */
  public synchronized Drained drain() {
    List<FinishedRequest> sums = new ArrayList<>(summed.size());
    summed.forEach(
        (key, sum) -> sums.add(new FinishedRequest(key.get(0), key.get(1), sum[0], sum[1])));
    Drained drained = new Drained(oneByOne, sums, inFlight.getAsInt() > 0 || !oneByOne.isEmpty());
    oneByOne = new ArrayList<>();
    summed = new LinkedHashMap<>();
    return drained;
  }

  /**
   * The counters since the proxy started, per model, or null before any request was served. Tokens
   * count when a request ends, so a counter may lag by what the requests in flight will generate:
   * the resolution is the requests in flight times the mean generated tokens per request, at least
   * 1.
   */
  public synchronized EngineCounters counters() {
    if (totalsByModel.isEmpty()) {
      return null;
    }
    List<ModelCounters> models = new ArrayList<>(totalsByModel.size());
    totalsByModel.forEach(
        (model, totals) ->
            models.add(new ModelCounters(model, totals[0], totals[1], totals[2], Double.NaN)));
    double meanGenerated = requestsTotal == 0 ? 1 : (double) generatedTotal / requestsTotal;
    return new EngineCounters(models, Math.max(1.0, inFlight.getAsInt() * meanGenerated), false);
  }
}
