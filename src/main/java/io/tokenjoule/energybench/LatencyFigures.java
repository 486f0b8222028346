package io.tokenjoule.energybench;

import java.util.List;

/**
 * Latencies of successful requests, seconds: time to first token, inter-token latency (each gap
 * between text chunks divided by the tokens a chunk stands for, pooled over requests) and
 * end-to-end.
 */
public record LatencyFigures(Percentiles ttft, Percentiles itl, Percentiles e2e) {

  public static LatencyFigures of(List<RequestOutcome> outcomes) {
    List<RequestOutcome> ok = outcomes.stream().filter(RequestOutcome::succeeded).toList();
    double[] ttft =
        ok.stream()
            .filter(o -> !Double.isNaN(o.firstTokenSeconds()))
            .mapToDouble(o -> o.firstTokenSeconds() - o.startSeconds())
            .toArray();
    double[] e2e = ok.stream().mapToDouble(o -> o.endSeconds() - o.startSeconds()).toArray();
    int gaps = ok.stream().mapToInt(o -> Math.max(0, o.chunkSeconds().length - 1)).sum();
    double[] itl = new double[gaps];
    int n = 0;
    for (RequestOutcome o : ok) {
      double[] t = o.chunkSeconds();
      double perChunk = o.tokensPerChunk();
      for (int i = 1; i < t.length; i++) {
        itl[n++] = perChunk > 0 ? (t[i] - t[i - 1]) / perChunk : t[i] - t[i - 1];
      }
    }
    return new LatencyFigures(Percentiles.of(ttft), Percentiles.of(itl), Percentiles.of(e2e));
  }
}
