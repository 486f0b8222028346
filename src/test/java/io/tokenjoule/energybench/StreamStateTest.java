package io.tokenjoule.energybench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamStateTest {

  private static final String CHAT_TOKEN =
      "{\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"hi\"}}]}";
  private static final String ROLE_ONLY =
      "{\"choices\": [{\"index\": 0, \"delta\": {\"role\": \"assistant\"}}]}";

  private static String usage(int prompt, int completion) {
    return "{\"choices\": [], \"usage\": {\"prompt_tokens\": "
        + prompt
        + ", \"completion_tokens\": "
        + completion
        + "}}";
  }

  @Test
  void chatStreamGivesChunkTimesAndUsage() {
    StreamState state = new StreamState(ApiKind.CHAT);
    state.onEvent(ROLE_ONLY, 1.0);
    state.onEvent(CHAT_TOKEN, 1.5);
    state.onEvent(CHAT_TOKEN, 1.75);
    state.onEvent(usage(12, 2), 1.8);
    state.onEvent("[DONE]", 1.9);
    RequestOutcome outcome = state.outcome(3, 0.5, 2.0, 1);
    assertTrue(outcome.succeeded());
    assertEquals(1.5, outcome.firstTokenSeconds());
    assertArrayEquals(new double[] {1.5, 1.75}, outcome.chunkSeconds());
    assertEquals(12, outcome.promptTokens());
    assertEquals(2, outcome.completionTokens());
    assertFalse(outcome.usageMismatch());
  }

  @Test
  void usageDisagreeingWithChunksIsAMismatchNotAnError() {
    StreamState state = new StreamState(ApiKind.COMPLETIONS);
    state.onEvent("{\"choices\": [{\"text\": \"two tokens\"}]}", 1.0);
    state.onEvent(usage(5, 2), 1.1);
    state.onEvent("[DONE]", 1.2);
    RequestOutcome outcome = state.outcome(0, 0, 1.3, 1);
    assertTrue(outcome.succeeded());
    assertTrue(outcome.usageMismatch());
    assertEquals(2.0, outcome.tokensPerChunk());
  }

  @Test
  void badJsonIsMalformed() {
    StreamState state = new StreamState(ApiKind.CHAT);
    state.onEvent(CHAT_TOKEN, 1.0);
    state.onEvent("{\"choices\": [", 1.1);
    RequestOutcome outcome = state.outcome(0, 0, 1.2, 1);
    assertEquals(ErrorKind.MALFORMED_STREAM, outcome.error());
    assertEquals(0, outcome.completionTokens());
    assertEquals(1.0, outcome.firstTokenSeconds());
  }

  @Test
  void missingDoneIsIncompleteAndMissingUsageIsNoUsage() {
    StreamState cut = new StreamState(ApiKind.CHAT);
    cut.onEvent(CHAT_TOKEN, 1.0);
    cut.onEvent(usage(1, 1), 1.1);
    assertEquals(ErrorKind.INCOMPLETE_STREAM, cut.outcome(0, 0, 2, 1).error());
    StreamState noUsage = new StreamState(ApiKind.CHAT);
    noUsage.onEvent(CHAT_TOKEN, 1.0);
    noUsage.onEvent("[DONE]", 1.1);
    assertEquals(ErrorKind.NO_USAGE, noUsage.outcome(0, 0, 2, 1).error());
  }

  @Test
  void anErrorObjectInTheStreamIsAStreamError() {
    StreamState state = new StreamState(ApiKind.CHAT);
    state.onEvent("{\"error\": {\"message\": \"out of memory\"}}", 1.0);
    RequestOutcome outcome = state.outcome(0, 0, 1, 1);
    assertEquals(ErrorKind.STREAM_ERROR, outcome.error());
    assertTrue(outcome.errorDetail().contains("out of memory"));
  }

  @Test
  void negativeUsageIsMalformed() {
    StreamState state = new StreamState(ApiKind.CHAT);
    state.onEvent(usage(-1, 3), 1.0);
    assertEquals(ErrorKind.MALFORMED_STREAM, state.outcome(0, 0, 1, 1).error());
  }

  @Test
  void cachedPromptTokensAreReadFromOpenAiUsageOrLlamaCppTimings() {
    StreamState openai = new StreamState(ApiKind.CHAT);
    openai.onEvent(CHAT_TOKEN, 1.0);
    openai.onEvent(
        "{\"choices\": [], \"usage\": {\"prompt_tokens\": 40, \"completion_tokens\": 1,"
            + " \"prompt_tokens_details\": {\"cached_tokens\": 32}}}",
        1.1);
    openai.onEvent("[DONE]", 1.2);
    assertEquals(32, openai.outcome(0, 0, 1.3, 1).cachedPromptTokens());

    StreamState llama = new StreamState(ApiKind.CHAT);
    llama.onEvent(CHAT_TOKEN, 1.0);
    llama.onEvent(
        "{\"choices\": [], \"usage\": {\"prompt_tokens\": 40, \"completion_tokens\": 1},"
            + " \"timings\": {\"cache_n\": 12, \"prompt_n\": 28}}",
        1.1);
    llama.onEvent("[DONE]", 1.2);
    assertEquals(12, llama.outcome(0, 0, 1.3, 1).cachedPromptTokens());

    StreamState silent = new StreamState(ApiKind.CHAT);
    silent.onEvent(CHAT_TOKEN, 1.0);
    silent.onEvent(usage(40, 1), 1.1);
    silent.onEvent("[DONE]", 1.2);
    assertEquals(-1, silent.outcome(0, 0, 1.3, 1).cachedPromptTokens());
  }

  @Test
  void chunksCarryWholeTokensThatAddUpToTheUsage() {
    RequestOutcome outcome =
        new RequestOutcome(
            0, 0, 0.1, 1, 5, 7, -1, new double[] {0.1, 0.2, 0.3}, true, 1, null, null);
    long sum = 0;
    for (int j = 0; j < 3; j++) {
      long tokens = outcome.tokensOfChunk(j);
      assertTrue(tokens == 2 || tokens == 3, "chunk " + j + ": " + tokens);
      sum += tokens;
    }
    assertEquals(7, sum);
    assertEquals(4, outcome.tokensOfFirstChunks(2));
  }
}
