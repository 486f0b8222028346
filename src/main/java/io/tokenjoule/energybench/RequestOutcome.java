package io.tokenjoule.energybench;

/**
 * One request as the client saw it. Times are seconds on {@link io.tokenjoule.MonotonicClock}.
 *
 * @param index the request's number in its level, from 0
 * @param startSeconds when the request was issued
 * @param firstTokenSeconds when the first chunk with text arrived; NaN if none did
 * @param endSeconds when the request finished or failed
 * @param promptTokens {@code usage.prompt_tokens}; 0 on failure
 * @param completionTokens {@code usage.completion_tokens}; 0 on failure
 * @param chunkSeconds arrival time of each chunk that carried text, in order
 * @param usageMismatch true when the usage's completion tokens differ from the number of text
 *     chunks (a server may put several tokens in one chunk; reported, not an error)
 * @param error null on success
 * @param errorDetail a human sentence for the first errors shown; null on success
 */
public record RequestOutcome(
    int index,
    double startSeconds,
    double firstTokenSeconds,
    double endSeconds,
    long promptTokens,
    long completionTokens,
    double[] chunkSeconds,
    boolean usageMismatch,
    ErrorKind error,
    String errorDetail) {

  public boolean succeeded() {
    return error == null;
  }

  /** Generated tokens each text chunk stands for: usage spread evenly over the chunks. */
  public double tokensPerChunk() {
    return chunkSeconds.length == 0 ? 0 : (double) completionTokens / chunkSeconds.length;
  }

  static RequestOutcome failed(
      int index, double start, double firstToken, double end, ErrorKind error, String detail) {
    return new RequestOutcome(
        index, start, firstToken, end, 0, 0, new double[0], false, error, detail);
  }
}
