package io.tokenjoule.energybench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What must match for two results to be compared: the same model and API asked for the same prompts
 * and output lengths. Concurrency is matched level by level by the gate.
 *
 * @param promptTokens the synthetic prompt length, or null with a dataset
 * @param datasetSha256 the dataset's SHA-256, or null with synthetic prompts
 * @param ignoreEos whether the server was asked to ignore end-of-sequence (fixed output length)
 * @param distinctPrompts whether each request's prompt was made distinct, so that no prefill was
 *     served from the server's prefix cache by another request's prompt
 */
public record WorkloadKey(
    String model,
    ApiKind api,
    Integer promptTokens,
    int maxTokens,
    String datasetSha256,
    boolean ignoreEos,
    boolean distinctPrompts) {

  public WorkloadKey {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(api, "api");
  }

  /** Each difference from {@code other}, as {@code field: this vs other}; empty when they match. */
  public List<String> differencesFrom(WorkloadKey other) {
    List<String> differences = new ArrayList<>();
    compare(differences, "model", model, other.model);
    compare(differences, "api", api.label(), other.api.label());
    compare(differences, "prompt_tokens", promptTokens, other.promptTokens);
    compare(differences, "max_tokens", maxTokens, other.maxTokens);
    compare(differences, "dataset_sha256", datasetSha256, other.datasetSha256);
    compare(differences, "ignore_eos", ignoreEos, other.ignoreEos);
    compare(differences, "distinct_prompts", distinctPrompts, other.distinctPrompts);
    return differences;
  }

  private static void compare(List<String> out, String field, Object mine, Object theirs) {
    if (!Objects.equals(mine, theirs)) {
      out.add(field + ": " + mine + " here, " + theirs + " in the baseline");
    }
  }
}
