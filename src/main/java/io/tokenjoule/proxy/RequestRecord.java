package io.tokenjoule.proxy;

import java.util.Objects;

/**
 * One finished inference request as the proxy counted it.
 *
 * @param tenant the tenant label
 * @param model the model label (bounded)
 * @param outcome how it ended
 * @param promptTokens prompt tokens the server reported; 0 when estimated or unknown
 * @param generatedTokens generated tokens, reported or (when {@code estimated}) streamed chunks
 * @param estimated whether the tokens are the chunk estimate rather than the server's report
 */
public record RequestRecord(
    String tenant,
    String model,
    RequestOutcome outcome,
    long promptTokens,
    long generatedTokens,
    boolean estimated) {
  public RequestRecord {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(outcome, "outcome");
    if (promptTokens < 0 || generatedTokens < 0) {
      throw new IllegalArgumentException("token counts must be >= 0");
    }
  }

  /**
   * The record of a request that ended as {@code ending} says, with the tokens its response
   * reported: the server's usage where seen, else its streamed chunks as an estimate (unless part
   * of it could not be read), else none.
   *
   * @param ending {@link RequestOutcome#OK} for an answer that ended normally (the outcome is then
   *     ok, estimated or unmetered by what was read), else the reason it ended otherwise
   */
  static RequestRecord of(String tenant, String model, RequestOutcome ending, TokenTally tally) {
    boolean countChunks = !tally.usageSeen() && !tally.isMalformed() && tally.contentChunks() > 0;
    RequestOutcome outcome = ending;
    if (ending == RequestOutcome.OK) {
      outcome =
          tally.usageSeen()
              ? RequestOutcome.OK
              : countChunks ? RequestOutcome.ESTIMATED : RequestOutcome.UNMETERED;
    }
    if (tally.usageSeen()) {
      return new RequestRecord(
          tenant, model, outcome, tally.promptTokens(), tally.generatedTokens(), false);
    }
    return new RequestRecord(
        tenant, model, outcome, 0, countChunks ? tally.contentChunks() : 0, countChunks);
  }
}
