package io.tokenjoule.account;

/**
 * What one server's counters said at an anchor: a tick where its scrape succeeded and every GPU it
 * runs on was read. Intervals between anchors are the unit of the windowed figures.
 *
 * <p>The per-GPU read times, time uncertainties and update periods are folded at the anchor into
 * the two numbers the {@link UncertaintyBound} needs.
 *
 * @param sequence increases by one per anchor of a server; equal sequences mean the same anchor
 * @param timestampSeconds the server reading's timestamp (monotonic clock, s)
 * @param energyJoules the energy of the server's GPUs, reset-corrected and shared as attributed,
 *     moved to the server reading's instant along each GPU's last power (J); only differences
 *     between anchors matter
 * @param powerWatts the server's share of its GPUs' power over their last tick (W), what the board
 *     drew as the anchor was taken; NaN when a GPU's is unknown
 * @param attributionSpreadJoules how far another plausible split of its shared GPUs would have
 *     moved the energy charged to the server so far, summed tick by tick (J; 0 on GPUs of its own)
 * @param promptTokens the prompt-token total over all models
 * @param computedPromptTokens of the prompt tokens, those computed rather than served from a prefix
 *     cache (all of them where the engine does not tell them apart)
 * @param generatedTokens the generated-token total over all models
 * @param requests the finished-request total over all models; NaN if any model lacks it
 * @param runningRequests requests running at this reading; NaN if the engine does not say
 * @param misalignmentSeconds max over the server's GPUs of |t_gpu − t_server| + server time
 *     uncertainty + that GPU's time uncertainty (s)
 * @param updatePeriodSeconds the largest energy update period of the server's GPUs (s)
 * @param tokenResolution the engine's token resolution at this reading (tokens)
 * @param generatedLag how far the generated-token counter may lag the tokens made at this reading,
 *     learnt from its increments ({@link CounterLag}); 0 with no request running (tokens)
 * @param allLag the same for prompt plus generated tokens (tokens)
 * @param countOverdue whether the generated-token counter had not moved, with requests running, for
 *     longer than it ever does ({@link CounterLag#overdue()}): the tokens in flight are unknown
 * @param gpuResets energy-counter resets of the server's GPUs so far, summed
 * @param counterResets token and request counter resets of all the server's models so far, summed
 * @param failedScrapes the server's scrapes that failed so far
 * @param modelCount how many models the server has shown so far
 */
record Anchor(
    long sequence,
    double timestampSeconds,
    double energyJoules,
    double powerWatts,
    double attributionSpreadJoules,
    double promptTokens,
    double computedPromptTokens,
    double generatedTokens,
    double requests,
    double runningRequests,
    double misalignmentSeconds,
    double updatePeriodSeconds,
    double tokenResolution,
    double generatedLag,
    double allLag,
    boolean countOverdue,
    long gpuResets,
    long counterResets,
    long failedScrapes,
    int modelCount) {

  /** This anchor with what its counters' lag is learnt to be once its interval is known. */
  Anchor withLags(double generated, double all, boolean overdue) {
    return new Anchor(
        sequence,
        timestampSeconds,
        energyJoules,
        powerWatts,
        attributionSpreadJoules,
        promptTokens,
        computedPromptTokens,
        generatedTokens,
        requests,
        runningRequests,
        misalignmentSeconds,
        updatePeriodSeconds,
        tokenResolution,
        generated,
        all,
        overdue,
        gpuResets,
        counterResets,
        failedScrapes,
        modelCount);
  }
}
