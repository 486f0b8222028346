package io.tokenjoule.scrape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An engine profile whose page names no model, given the model's name by configuration: counters
 * that the wrapped profile reads under {@value ModelCounters.UNKNOWN_MODEL} come out under the
 * configured name. Models the page does name keep their names; should a page name the configured
 * model too, both sets of counters are added up under it.
 *
 * <p>For TGI and llama.cpp, whose pages carry no model label, and for a llama.cpp router's
 * per-model page. Holds only its immutable settings; thread-safe.
 */
public final class ConfiguredModelProfile implements EngineProfile {

  private final EngineProfile profile;
  private final String model;

  /**
   * @param profile the engine's profile
   * @param model the served model's name; not blank
   */
  public ConfiguredModelProfile(EngineProfile profile, String model) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.model = Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("a configured model name must not be blank");
    }
  }

  /** The profile when {@code model} is empty, else the profile with the model named. */
  public static EngineProfile naming(EngineProfile profile, Optional<String> model) {
    return model
        .<EngineProfile>map(name -> new ConfiguredModelProfile(profile, name))
        .orElse(profile);
  }

  /** The configured model name. */
  public String model() {
    return model;
  }

  @Override
  public String engine() {
    return profile.engine();
  }

  @Override
  public String acceptHeader() {
    return profile.acceptHeader();
  }

  @Override
  public List<String> metricsPaths() {
    return profile.metricsPaths();
  }

  @Override
  public Set<String> sampleNames() {
    return profile.sampleNames();
  }

  @Override
  public EngineCounters extract(List<Sample> samples) throws MissingMetricsException {
    EngineCounters read = profile.extract(samples);
    Map<String, ModelCounters> byName = new TreeMap<>();
    for (ModelCounters counters : read.models()) {
      ModelCounters renamed =
          counters.model().equals(ModelCounters.UNKNOWN_MODEL)
              ? new ModelCounters(
                  model,
                  counters.promptTokens(),
                  counters.generatedTokens(),
                  counters.requests(),
                  counters.runningRequests(),
                  counters.cachedPromptTokens())
              : counters;
      byName.merge(renamed.model(), renamed, ConfiguredModelProfile::add);
    }
    return new EngineCounters(
        new ArrayList<>(byName.values()),
        read.tokenResolution(),
        read.simulated(),
        read.counting());
  }

  private static ModelCounters add(ModelCounters a, ModelCounters b) {
    return new ModelCounters(
        a.model(),
        a.promptTokens() + b.promptTokens(),
        a.generatedTokens() + b.generatedTokens(),
        a.requests() + b.requests(),
        a.runningRequests() + b.runningRequests(),
        a.cachedPromptTokens() + b.cachedPromptTokens());
  }

  @Override
  public Optional<String> recognise(Set<String> sampleNames) {
    return profile.recognise(sampleNames);
  }

  @Override
  public String toString() {
    return profile.engine() + " (model " + model + ")";
  }
}
