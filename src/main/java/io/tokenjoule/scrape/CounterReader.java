package io.tokenjoule.scrape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Reads the counters of each model from a page by a table of {@link Rule}s: which series count
 * prompt tokens, generated tokens, finished requests and running requests, and which label names
 * the model. The part that the profiles other than vLLM's share; each profile owns its table.
 *
 * <p>Every sample a rule selects is summed into its model's total for the rule's role, over all its
 * other labels. A model with neither token counter on the page is left out (a Triton ensemble step,
 * for example); a model with only one of them is an error. A sample without the model label counts
 * under {@link VllmProfile#UNKNOWN_MODEL}.
 *
 * <p>Immutable and thread-safe.
 */
final class CounterReader {

  /** What a series counts. */
  enum Role {
    /** Prompt (prefill) tokens, a counter. */
    PROMPT,
    /** Generated (decode) tokens, a counter. */
    GENERATED,
    /**
     * How many observations the generated-tokens histogram holds, when generated tokens are a
     * histogram's {@code _sum} observed once per finished request: the lag of that counter is then
     * a whole request's tokens, not one step's.
     */
    GENERATED_OBSERVATIONS,
    /** Finished requests, a counter. */
    REQUESTS,
    /** Requests running now, a gauge. */
    RUNNING
  }

  /**
   * One series and what it counts.
   *
   * @param role what the series counts
   * @param selector which samples
   * @param preferred another sample name for the same series (a second spelling): when any sample
   *     of that name is on the page, this rule reads nothing, so nothing counts twice; null when
   *     this rule is the preferred spelling
   */
  record Rule(Role role, MetricSelector selector, String preferred) {
    Rule {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(selector, "selector");
    }

    /** A rule read whatever else is on the page. */
    static Rule of(Role role, String metric, String... labelNamesAndValues) {
      return new Rule(role, MetricSelector.of(metric, labelNamesAndValues), null);
    }

    /** The same series under another sample name, read only when this rule's name is absent. */
    Rule spelledAs(String otherName) {
      return new Rule(role, new MetricSelector(otherName, selector.labels()), selector.metric());
    }
  }

  private final String modelLabel;
  private final Map<String, List<Rule>> rulesByName;
  private final Set<String> sampleNames;
  private final Map<Role, String> displayNames;
  private final String noCountersMessage;
  private final List<String> metricsInRuleOrder;

  /**
   * @param modelLabel the label naming the served model, or null when the page has none (every
   *     sample then counts under {@link VllmProfile#UNKNOWN_MODEL})
   * @param rules the table; needs at least one {@link Role#PROMPT} and one {@link Role#GENERATED}
   *     rule
   * @param noCountersMessage the message of the {@link MissingMetricsException} thrown when no
   *     model has token counters on the page
   */
  CounterReader(String modelLabel, List<Rule> rules, String noCountersMessage) {
    this.modelLabel = modelLabel;
    this.noCountersMessage = Objects.requireNonNull(noCountersMessage, "noCountersMessage");
    Map<String, List<Rule>> byName = new HashMap<>();
    for (Rule rule : rules) {
      byName.computeIfAbsent(rule.selector().metric(), name -> new ArrayList<>()).add(rule);
    }
    byName.replaceAll((name, list) -> List.copyOf(list));
    this.rulesByName = Map.copyOf(byName);
    this.metricsInRuleOrder =
        rules.stream().map(rule -> rule.selector().metric()).distinct().toList();
    this.sampleNames = Set.copyOf(byName.keySet());
    Map<Role, String> display = new HashMap<>();
    for (Role role : List.of(Role.PROMPT, Role.GENERATED)) {
      StringJoiner names = new StringJoiner(" or ");
      for (Rule rule : rules) {
        if (rule.role() == role && rule.preferred() == null) {
          names.add(rule.selector().toString());
        }
      }
      if (names.length() == 0) {
        throw new IllegalArgumentException("no rule reads " + role);
      }
      display.put(role, names.toString());
    }
    this.displayNames = Map.copyOf(display);
  }

  /** Every sample name a rule reads. */
  Set<String> sampleNames() {
    return sampleNames;
  }

  /**
   * Recognises the engine of these rules by the first of their metrics on the page, in rule order,
   * or failing those by the first name (alphabetically) that starts with the engine's own prefix.
   */
  Optional<String> recognise(Set<String> pageNames, String enginePrefix) {
    return Recognition.firstOfOrPrefixed(pageNames, metricsInRuleOrder, enginePrefix);
  }

  /**
   * Sums the samples the rules select, per model, into counters. Samples no rule selects are
   * ignored.
   *
   * <p>{@code tokenResolution} is, over the models, the running requests times the tokens one
   * running request may hold back: one for a per-step counter, the mean generated tokens per
   * finished request for a per-request histogram ({@link Role#GENERATED_OBSERVATIONS}); at least 1.
   *
   * @throws MissingMetricsException when no model has token counters, a model has only one of them,
   *     or a counter holds a value that is not a counter value (negative, NaN, infinite)
   */
  EngineCounters read(List<Sample> samples) throws MissingMetricsException {
    Set<String> present = new HashSet<>();
    for (Sample sample : samples) {
      if (rulesByName.containsKey(sample.name())) {
        present.add(sample.name());
      }
    }
    Map<String, ModelSums> models = new TreeMap<>();
    boolean simulated = false;
    for (Sample sample : samples) {
      List<Rule> rules = rulesByName.get(sample.name());
      if (rules == null) {
        continue;
      }
      for (Rule rule : rules) {
        if ((rule.preferred() != null && present.contains(rule.preferred()))
            || !rule.selector().matches(sample)) {
          continue;
        }
        simulated |= "simulated".equals(sample.labels().get("source"));
        String model =
            modelLabel == null
                ? VllmProfile.UNKNOWN_MODEL
                : sample.labels().getOrDefault(modelLabel, VllmProfile.UNKNOWN_MODEL);
        models.computeIfAbsent(model, ModelSums::new).add(rule.role(), sample);
      }
    }
    List<ModelCounters> counters = new ArrayList<>();
    double resolution = 0;
    for (ModelSums sums : models.values()) {
      if (!sums.seen(Role.PROMPT) && !sums.seen(Role.GENERATED)) {
        continue;
      }
      counters.add(sums.counters(displayNames));
      resolution += sums.heldBackTokens();
    }
    if (counters.isEmpty()) {
      throw new MissingMetricsException(noCountersMessage);
    }
    return new EngineCounters(counters, Math.max(1.0, resolution), simulated);
  }

  /** The running sums of one model. */
  private static final class ModelSums {
    private final String model;
    private final double[] sums = new double[Role.values().length];
    private final boolean[] seen = new boolean[Role.values().length];
    private boolean runningInvalid;

    ModelSums(String model) {
      this.model = model;
    }

    boolean seen(Role role) {
      return seen[role.ordinal()];
    }

    void add(Role role, Sample sample) throws MissingMetricsException {
      double value = sample.value();
      if (!Double.isFinite(value) || value < 0) {
        if (role == Role.RUNNING) {
          runningInvalid = true;
          return;
        }
        throw new MissingMetricsException(
            sample.name() + sample.labels() + " has the value " + value + ", not a counter value");
      }
      sums[role.ordinal()] += value;
      seen[role.ordinal()] = true;
    }

    ModelCounters counters(Map<Role, String> displayNames) throws MissingMetricsException {
      Set<String> missing = new LinkedHashSet<>();
      for (Role role : List.of(Role.PROMPT, Role.GENERATED)) {
        if (!seen(role)) {
          missing.add(displayNames.get(role));
        }
      }
      if (!missing.isEmpty()) {
        throw new MissingMetricsException(
            String.join(" and ", missing) + " missing for model " + model);
      }
      return new ModelCounters(
          model,
          sums[Role.PROMPT.ordinal()],
          sums[Role.GENERATED.ordinal()],
          valueOrNaN(Role.REQUESTS),
          runningInvalid ? Double.NaN : valueOrNaN(Role.RUNNING));
    }

    /** Tokens the running requests of this model may have made that no counter shows yet. */
    double heldBackTokens() {
      if (runningInvalid || !seen(Role.RUNNING)) {
        return 0;
      }
      double perRequest = 1;
      double observations = sums[Role.GENERATED_OBSERVATIONS.ordinal()];
      if (seen(Role.GENERATED_OBSERVATIONS) && observations > 0) {
        perRequest = Math.max(1, sums[Role.GENERATED.ordinal()] / observations);
      }
      return sums[Role.RUNNING.ordinal()] * perRequest;
    }

    private double valueOrNaN(Role role) {
      return seen(role) ? sums[role.ordinal()] : Double.NaN;
    }
  }
}
