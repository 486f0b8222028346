package io.tokenjoule.energybench;

import java.util.List;

/**
 * What one concurrency level sends: {@code requests} requests, the i-th with prompt {@code i mod
 * prompts.size()}.
 *
 * @param prompts the prompts, in order; never empty
 * @param requests how many requests to send
 * @param maxTokens generated tokens asked for when a prompt does not say
 */
public record Workload(List<BenchPrompt> prompts, int requests, int maxTokens) {

  public Workload {
    prompts = List.copyOf(prompts);
    if (prompts.isEmpty()) {
      throw new IllegalArgumentException("a workload needs at least one prompt");
    }
    if (requests < 1) {
      throw new IllegalArgumentException("--requests must be >= 1, got " + requests);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("--max-tokens must be >= 1, got " + maxTokens);
    }
  }

  /** The prompt of request {@code index}. */
  public BenchPrompt prompt(int index) {
    return prompts.get(index % prompts.size());
  }

  /** The generated tokens request {@code index} asks for. */
  public int maxTokens(int index) {
    Integer own = prompt(index).maxTokens();
    return own == null ? maxTokens : own;
  }

  /**
   * A synthetic prompt of about {@code promptTokens} tokens: the word {@code " token"} repeated,
   * which common BPE tokenizers read as one token each. The server's {@code usage} gives the exact
   * count.
   */
  public static BenchPrompt syntheticPrompt(int promptTokens) {
    if (promptTokens < 1) {
      throw new IllegalArgumentException("--prompt-tokens must be >= 1, got " + promptTokens);
    }
    return BenchPrompt.text("token" + " token".repeat(promptTokens - 1), null);
  }
}
