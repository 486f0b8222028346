package io.tokenjoule.scrape;

import io.tokenjoule.scrape.CounterReader.Role;
import io.tokenjoule.scrape.CounterReader.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Any server whose page counts tokens under names no other profile knows, read by the series its
 * configuration names: prompt and generated tokens (counters, or a histogram's {@code _sum}),
 * optionally finished requests and running requests, and optionally the label naming the model.
 *
 * <p>Unlike the other profiles it is built per server from that configuration, so it is not in the
 * {@link EngineProfiles} registry, and page detection never picks it. Every sample a selector
 * matches is summed per model over its other labels; without a model label every sample counts
 * under {@link ModelCounters#UNKNOWN_MODEL}. {@code tokenResolution} is the running requests, at
 * least 1: the configuration cannot say whether the counters move per step or per request.
 *
 * <p>Immutable and thread-safe. Equal when built from equal selectors.
 */
public final class GenericProfile extends TableProfile {

  /** The engine name, in configuration and in the {@code engine} label. */
  public static final String ENGINE = "generic";

  private final MetricSelector promptTokens;
  private final MetricSelector generatedTokens;
  private final Optional<MetricSelector> requests;
  private final Optional<MetricSelector> running;
  private final Optional<String> modelLabel;

  /**
   * @param promptTokens the prompt-token series
   * @param generatedTokens the generated-token series; not the same selector as {@code
   *     promptTokens}
   * @param requests the finished-request series, if the server has one
   * @param running the running-request gauge, if the server has one
   * @param modelLabel the label naming the served model, if any
   */
  public GenericProfile(
      MetricSelector promptTokens,
      MetricSelector generatedTokens,
      Optional<MetricSelector> requests,
      Optional<MetricSelector> running,
      Optional<String> modelLabel) {
    super(
        ENGINE,
        List.of("/metrics"),
        counters(promptTokens, generatedTokens, requests, running, modelLabel),
        pageNames ->
            pageNames.contains(promptTokens.metric())
                    && pageNames.contains(generatedTokens.metric())
                ? Optional.of(
                    "found the configured "
                        + promptTokens.metric()
                        + " and "
                        + generatedTokens.metric())
                : Optional.empty());
    this.promptTokens = promptTokens;
    this.generatedTokens = generatedTokens;
    this.requests = requests;
    this.running = running;
    this.modelLabel = modelLabel;
  }

  private static CounterReader counters(
      MetricSelector promptTokens,
      MetricSelector generatedTokens,
      Optional<MetricSelector> requests,
      Optional<MetricSelector> running,
      Optional<String> modelLabel) {
    Objects.requireNonNull(promptTokens, "promptTokens");
    Objects.requireNonNull(generatedTokens, "generatedTokens");
    if (promptTokens.equals(generatedTokens)) {
      throw new IllegalArgumentException(
          "prompt and generated tokens name the same series " + promptTokens);
    }
    List<Rule> rules = new ArrayList<>();
    rules.add(Rule.of(Role.PROMPT, promptTokens));
    rules.add(Rule.of(Role.GENERATED, generatedTokens));
    requests.ifPresent(selector -> rules.add(Rule.of(Role.REQUESTS, selector)));
    running.ifPresent(selector -> rules.add(Rule.of(Role.RUNNING, selector)));
    return new CounterReader(
        modelLabel.orElse(null),
        rules,
        "none of the configured token series is on the page: "
            + promptTokens
            + " and "
            + generatedTokens
            + " are missing");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenericProfile other
        && promptTokens.equals(other.promptTokens)
        && generatedTokens.equals(other.generatedTokens)
        && requests.equals(other.requests)
        && running.equals(other.running)
        && modelLabel.equals(other.modelLabel);
  }

  @Override
  public int hashCode() {
    return Objects.hash(promptTokens, generatedTokens, requests, running, modelLabel);
  }

  @Override
  public String toString() {
    return "GenericProfile[prompt="
        + promptTokens
        + ", generated="
        + generatedTokens
        + ", requests="
        + requests.map(MetricSelector::toString).orElse("none")
        + ", running="
        + running.map(MetricSelector::toString).orElse("none")
        + ", model label="
        + modelLabel.orElse("none")
        + "]";
  }
}
