package io.tokenjoule.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The proxy's own meters: {@code tokenjoule_proxy_tokens_total{tenant, model, kind, estimated}},
 * {@code tokenjoule_proxy_requests_total{tenant, model, outcome}}, the histogram of tokens per
 * request ({@code tokenjoule_proxy_request_tokens{tenant, model, kind}}, requests whose server
 * reported its tokens), the requests in flight, and how often a tenant or model label overflowed
 * its budget. Thread-safe: event loops record concurrently.
 */
public final class ProxyMeters implements RequestSink {

  /** Bucket bounds of the tokens-per-request histogram: powers of 4 from 1 to 1M. */
  static final double[] TOKEN_BUCKETS = {
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576
  };

  private record TokenKey(String tenant, String model, String kind, boolean estimated) {}

  private record RequestKey(String tenant, String model, RequestOutcome outcome) {}

  private record SummaryKey(String tenant, String model, String kind) {}

  private final MeterRegistry registry;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<TokenKey, Counter> tokens = new ConcurrentHashMap<>();
  private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();
  private final Map<SummaryKey, DistributionSummary> perRequest = new ConcurrentHashMap<>();

  public ProxyMeters(MeterRegistry registry, LabelBudget tenants, LabelBudget models) {
    this.registry = registry;
    Gauge.builder("tokenjoule.proxy.requests.in.flight", inFlight, AtomicInteger::get)
        .description("Inference requests the proxy is forwarding now.")
        .register(registry);
    overflow(tenants, "tenant");
    overflow(models, "model");
  }

  private void overflow(LabelBudget budget, String label) {
    FunctionCounter.builder("tokenjoule.proxy.label.overflow", budget, LabelBudget::overflowed)
        .description(
            "Requests whose tenant or model was counted as \"overflow\": the label had reached"
                + " its budget of distinct values.")
        .tag("label", label)
        .register(registry);
  }

  /** A request starts being forwarded. */
  void started() {
    inFlight.incrementAndGet();
  }

  /** How many requests are being forwarded now. */
  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public void record(RequestRecord request) {
    inFlight.decrementAndGet();
    requests
        .computeIfAbsent(
            new RequestKey(request.tenant(), request.model(), request.outcome()),
            key ->
                Counter.builder("tokenjoule.proxy.requests")
                    .description("Inference requests through the proxy, by how they ended.")
                    .tag("tenant", key.tenant())
                    .tag("model", key.model())
                    .tag("outcome", key.outcome().label())
                    .register(registry))
        .increment();
    count(request, "prompt", request.promptTokens());
    count(request, "generated", request.generatedTokens());
  }

  private void count(RequestRecord request, String kind, long value) {
    if (value > 0 || !request.estimated()) {
      tokens
          .computeIfAbsent(
              new TokenKey(request.tenant(), request.model(), kind, request.estimated()),
              key ->
                  Counter.builder("tokenjoule.proxy.tokens")
                      .description(
                          "Tokens through the proxy, as the server reported them, or estimated"
                              + " as streamed chunks where it reported none (estimated=\"true\").")
                      .tag("tenant", key.tenant())
                      .tag("model", key.model())
                      .tag("kind", key.kind())
                      .tag("estimated", Boolean.toString(key.estimated()))
                      .register(registry))
          .increment(value);
    }
    if (!request.estimated() && request.outcome() == RequestOutcome.OK) {
      perRequest
          .computeIfAbsent(
              new SummaryKey(request.tenant(), request.model(), kind),
              key ->
                  DistributionSummary.builder("tokenjoule.proxy.request.tokens")
                      .description("Tokens per request, as the server reported them.")
                      .baseUnit("tokens")
                      .serviceLevelObjectives(TOKEN_BUCKETS)
                      .tag("tenant", key.tenant())
                      .tag("model", key.model())
                      .tag("kind", key.kind())
                      .register(registry))
          .record(value);
    }
  }
}
