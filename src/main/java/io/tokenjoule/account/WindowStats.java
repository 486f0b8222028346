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
 * @param startSeconds where the first of its intervals starts (monotonic clock, s); NaN when empty
 * @param endSeconds where the last of its intervals ends (monotonic clock, s); NaN when empty
 * @param state what the window can say; the per-token and per-request figures are NaN unless {@link
 *     WindowState#measured()}
 * @param attributionUncertainty the part of both bounds that comes from splitting shared GPUs
 *     (energy another plausible split would have moved, over the window's energy); 0 on GPUs of the
 *     server's own. Baselines compare a server with itself and leave it out.
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
    double uncertaintyAll,
    double startSeconds,
    double endSeconds,
    WindowState state,
    double attributionUncertainty) {

  /** A window on GPUs of the server's own. */
  public WindowStats(
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
      double uncertaintyAll,
      double startSeconds,
      double endSeconds,
      WindowState state) {
    this(
        coveredSeconds,
        energyJoules,
        promptTokens,
        generatedTokens,
        requests,
        meanRunningRequests,
        joulesPerGeneratedToken,
        joulesPerToken,
        joulesPerRequest,
        uncertaintyGenerated,
        uncertaintyAll,
        startSeconds,
        endSeconds,
        state,
        0);
  }

  /** The bound of {@code joulesPerGeneratedToken} without {@link #attributionUncertainty}. */
  public double measurementUncertaintyGenerated() {
    return uncertaintyGenerated - attributionUncertainty;
  }

  /** A window with nothing in it. */
  public static final WindowStats EMPTY =
      new WindowStats(
          0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public WindowStats {
    java.util.Objects.requireNonNull(state, "state");
  }

  /**
   * A window whose span is not known (figures made up by hand): steady when it has generated
   * tokens, idle otherwise.
   */
  public WindowStats(
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
    this(
        coveredSeconds,
        energyJoules,
        promptTokens,
        generatedTokens,
        requests,
        meanRunningRequests,
        joulesPerGeneratedToken,
        joulesPerToken,
        joulesPerRequest,
        uncertaintyGenerated,
        uncertaintyAll,
        Double.NaN,
        Double.NaN,
        coveredSeconds > 0
            ? (generatedTokens > 0 ? WindowState.STEADY : WindowState.IDLE)
            : WindowState.EMPTY);
  }
}
