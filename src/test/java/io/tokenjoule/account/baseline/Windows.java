package io.tokenjoule.account.baseline;

import io.tokenjoule.account.WindowStats;

/** Windows as the accountant would produce them, with only the fields a baseline reads. */
final class Windows {

  static final double COVERED_SECONDS = 30;

  private Windows() {}

  /** A 30 s window with a 1% error bound. */
  static WindowStats window(double joules, double generatedTokens, double concurrency) {
    return window(joules, generatedTokens, concurrency, 0.01, COVERED_SECONDS);
  }

  static WindowStats window(
      double joules,
      double generatedTokens,
      double concurrency,
      double uncertainty,
      double coveredSeconds) {
    double perToken = generatedTokens > 0 ? joules / generatedTokens : Double.NaN;
    return new WindowStats(
        coveredSeconds,
        joules,
        0,
        generatedTokens,
        Double.NaN,
        concurrency,
        perToken,
        perToken,
        Double.NaN,
        uncertainty,
        uncertainty);
  }

  /** {@code window} as if the load had started or stopped inside it. */
  static WindowStats ramping(WindowStats window) {
    return new WindowStats(
        window.coveredSeconds(),
        window.energyJoules(),
        window.promptTokens(),
        window.generatedTokens(),
        window.requests(),
        window.meanRunningRequests(),
        window.joulesPerGeneratedToken(),
        window.joulesPerToken(),
        window.joulesPerRequest(),
        window.uncertaintyGenerated(),
        window.uncertaintyAll(),
        Double.NaN,
        Double.NaN,
        io.tokenjoule.account.WindowState.RAMP);
  }

  /** A window of 1000 generated tokens at {@code joulesPerToken}. */
  static WindowStats at(double joulesPerToken, double concurrency) {
    return window(1000 * joulesPerToken, 1000, concurrency);
  }
}
