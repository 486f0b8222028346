package io.tokenjoule.energybench;

/**
 * Sums over every request a run sent, all phases, in whole tokens: what the server's own counters
 * should have grown by when no request failed.
 *
 * @param cachedPromptTokens prompt tokens served from the server's prefix cache, over the requests
 *     that reported them
 * @param requestsReportingCache successful requests whose response said how many were cached
 * @param retriedUnsent requests sent again because an earlier attempt provably never left
 */
public record RequestTotals(
    long requests,
    long succeeded,
    long promptTokens,
    long generatedTokens,
    long cachedPromptTokens,
    long requestsReportingCache,
    long retriedUnsent) {

  public long failed() {
    return requests - succeeded;
  }

  public static RequestTotals of(BenchResult result) {
    long requests = 0;
    long succeeded = 0;
    long prompt = 0;
    long generated = 0;
    long cached = 0;
    long reportingCache = 0;
    long retried = 0;
    for (BenchResult.SentRequest sent : result.sent()) {
      RequestOutcome o = sent.outcome();
      requests++;
      retried += o.attempts() > 1 ? 1 : 0;
      if (o.succeeded()) {
        succeeded++;
        prompt += o.promptTokens();
        generated += o.completionTokens();
        if (o.cachedPromptTokens() >= 0) {
          cached += o.cachedPromptTokens();
          reportingCache++;
        }
      }
    }
    return new RequestTotals(
        requests, succeeded, prompt, generated, cached, reportingCache, retried);
  }
}
