package io.tokenjoule.energybench;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Everything one run needs to know, validated.
 *
 * @param baseUrl the API base, for example {@code http://host:8000/v1}
 * @param apiKey sent as a bearer token; null for none
 * @param workloadKey what identifies the workload for the gate
 * @param dataset the dataset path as given, or null
 * @param concurrencies the levels, run in this order
 * @param timeoutSeconds the deadline of one request
 * @param samplePeriodSeconds how often energy is read
 * @param warmUpRequests requests sent together before the first level and not measured; 0 for none
 * @param prefixes what makes each request's prompt distinct (or not)
 * @param maxUncertainty the largest relative energy uncertainty a level's gated figure may have for
 *     the run to count as measured, as a fraction
 */
public record BenchPlan(
    URI baseUrl,
    String apiKey,
    WorkloadKey workloadKey,
    Workload workload,
    String dataset,
    List<Integer> concurrencies,
    double timeoutSeconds,
    double samplePeriodSeconds,
    int warmUpRequests,
    PromptPrefixes prefixes,
    double maxUncertainty) {

  public BenchPlan {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(workloadKey, "workloadKey");
    Objects.requireNonNull(workload, "workload");
    concurrencies = List.copyOf(concurrencies);
    if (concurrencies.isEmpty() || concurrencies.stream().anyMatch(c -> c < 1)) {
      throw new IllegalArgumentException("concurrency levels must be >= 1");
    }
    if (warmUpRequests < 0) {
      throw new IllegalArgumentException("warm-up requests must be >= 0, got " + warmUpRequests);
    }
    Objects.requireNonNull(prefixes, "prefixes");
    if (!(maxUncertainty > 0)) {
      throw new IllegalArgumentException("the allowed uncertainty must be > 0");
    }
    if (!(timeoutSeconds > 0) || !(samplePeriodSeconds > 0)) {
      throw new IllegalArgumentException("the timeout and sample period must be > 0");
    }
  }

  /** The URL requests go to: the base URL and the API's path. */
  public URI endpoint() {
    String base = baseUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/" + workloadKey.api().path());
  }
}
