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
 * @param cachedPromptTokens prompt tokens the server served from its prefix cache, as it reported
 *     them ({@code usage.prompt_tokens_details.cached_tokens}, or llama.cpp's {@code
 *     timings.cache_n} / {@code tokens_cached}); -1 when it did not say
 * @param chunkSeconds arrival time of each chunk that carried text, in order
 * @param usageMismatch true when the usage's completion tokens differ from the number of text
 *     chunks (a server may put several tokens in one chunk; reported, not an error)
 * @param attempts times the request was sent: more than 1 only when the earlier attempts provably
 *     never left (their connection was closed before any byte was written)
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
    long cachedPromptTokens,
    double[] chunkSeconds,
    boolean usageMismatch,
    int attempts,
    ErrorKind error,
    String errorDetail) {

  public boolean succeeded() {
    return error == null;
  }

  /** Generated tokens each text chunk stands for on average, for rates and charts. */
  public double tokensPerChunk() {
    return chunkSeconds.length == 0 ? 0 : (double) completionTokens / chunkSeconds.length;
  }

  /**
   * The generated tokens carried by text chunks {@code 0 .. chunks-1}: the usage's completion
   * tokens spread over the chunks in whole tokens (chunk {@code j} carries {@code floor((j+1)T/n) -
   * floor(jT/n)}), so any set of chunks counts a whole number and all of them count exactly {@code
   * T}.
   */
  public long tokensOfFirstChunks(int chunks) {
    int n = chunkSeconds.length;
    if (n == 0 || chunks <= 0) {
      return 0;
    }
    return Math.multiplyExact(completionTokens, Math.min(chunks, n)) / n;
  }

  /** The generated tokens carried by chunk {@code j} (see {@link #tokensOfFirstChunks}). */
  public long tokensOfChunk(int j) {
    return tokensOfFirstChunks(j + 1) - tokensOfFirstChunks(j);
  }

  static RequestOutcome failed(
      int index,
      double start,
      double firstToken,
      double end,
      int attempts,
      ErrorKind error,
      String detail) {
    return new RequestOutcome(
        index, start, firstToken, end, 0, 0, -1, new double[0], false, attempts, error, detail);
  }
}
