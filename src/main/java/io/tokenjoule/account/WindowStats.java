package io.tokenjoule.account;

/**
 * Energy and work of one server over its sliding window. Only intervals whose both ends were read
 * (GPUs up, scrape succeeded) and in which no counter reset count; ratios are NaN when their
 * denominator is zero, never zero or infinite.
 *
 * @param coveredSeconds total duration of the valid intervals in the window
 * @param energyJoules energy attributed to the server over them
 * @param promptTokens prompt tokens over them
 * @param generatedTokens generated tokens over them
 * @param requests finished requests over them (NaN if the engine does not count them)
 * @param meanRunningRequests time-weighted mean of the requests running over them, the load the
 *     window ran at (NaN if the engine does not report running requests)
 * @param joulesPerGeneratedToken energy / generated tokens
 * @param joulesPerToken energy / (prompt + generated tokens)
 * @param joulesPerRequest energy / requests
 * @param uncertaintyGenerated relative error bound of {@code joulesPerGeneratedToken}
 * @param uncertaintyAll relative error bound of {@code joulesPerToken}
 */
public record WindowStats(
    double coveredSeconds,
    double energyJoules,
    double promptTokens,
    double generatedTokens,
    double requests,
    double meanRunningRequests,
    double joulesPerGeneratedToken,
    double joulesPerToken,
    double joulesPerRequest,
    double uncertaintyGenerated,
    double uncertaintyAll) {

  /** A window with nothing in it. */
  public static final WindowStats EMPTY =
      new WindowStats(
          0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
