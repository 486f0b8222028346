package io.tokenjoule.scrape;

import io.tokenjoule.SourceLabel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Reads the counters of each model from a page by an engine's table of {@link Rule}s: which series
 * count prompt tokens, generated tokens, finished requests and running requests, which label names
 * the model, and how far the counters may lag. Every engine profile is such a table; adding an
 * engine is adding a table.
 *
 * <p>Every sample a rule selects is summed into its model's total for the rule's role, over all its
 * other labels, except a rule {@linkplain Rule#perReplica read per replica}. A model with no token
 * counter on the page is left out (a Triton ensemble step, for example); a model with only one of
 * them is an error unless the table says {@link Absent absent counters read zero}. A sample without
 * the model label counts under {@link ModelCounters#UNKNOWN_MODEL}.
 *
 * <p>Immutable and thread-safe.
 */
final class CounterReader {

  /** What a series counts. */
  enum Role {
    /** Prompt (prefill) tokens, a counter. */
    PROMPT,
    /**
     * Prompt tokens served from a prefix cache, a counter that {@link #PROMPT} already includes
     * (vLLM, SGLang): the served prompt is {@link #PROMPT}, of which these were not computed.
     */
    PROMPT_CACHED,
    /**
     * Prompt tokens served from a prefix cache, a counter that {@link #PROMPT} leaves out
     * (llama.cpp): the served prompt is {@link #PROMPT} plus these.
     */
    PROMPT_CACHED_APART,
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
    /** Requests running now, a gauge; a bad value makes it unknown. */
    RUNNING,
    /**
     * Tokens the running requests hold that counters moved at request end will add when they
     * finish, a gauge; a bad value is skipped.
     */
    IN_FLIGHT_TOKENS,
    /** The most tokens one running request may hold (a slot's context), a gauge. */
    REQUEST_TOKENS_MAX,
    /** A series read only to tell that the page is the engine's. */
    PRESENCE;

    /** A token counter, read from the preferred rules or the fallback ones as the model has. */
    boolean tokens() {
      return this == PROMPT
          || this == PROMPT_CACHED
          || this == PROMPT_CACHED_APART
          || this == GENERATED;
    }

    boolean counter() {
      return this == PROMPT
          || this == PROMPT_CACHED
          || this == PROMPT_CACHED_APART
          || this == GENERATED
          || this == GENERATED_OBSERVATIONS
          || this == REQUESTS;
    }
  }

  /** What a model's missing counters read as. */
  enum Absent {
    /** A model needs both token counters; requests it lacks are unknown (NaN). */
    MISSING,
    /**
     * A model with any sample of the preferred (not {@linkplain Rule#asFallback fallback}) token
     * series reads a missing one as zero: the engine adds a label value when it first counts it.
     */
    ZERO_ONCE_COUNTING,
    /**
     * The engine's exporter registers a series when it is first recorded: any of its series on the
     * page makes a model, whose missing token and request counters read zero.
     */
    ZERO_ON_ENGINE_PAGE
  }

  /**
   * How many tokens a model's counters may lag the truth at an instant (for the error bound).
   * {@link #PER_STEP_OR_REQUEST} fits most engines.
   */
  @FunctionalInterface
  interface Lag {
    double tokens(Sums model);

    /** When the model's counters move; a lag that does not say is taken for on completion. */
    default TokenCounting counting(Sums model) {
      return TokenCounting.ON_COMPLETION;
    }
  }

  /** Counters moved at every engine step: one token behind per running request. */
  static final Lag PER_STEP =
      new Lag() {
        @Override
        public double tokens(Sums model) {
          return orZero(model.value(Role.RUNNING));
        }

        @Override
        public TokenCounting counting(Sums model) {
          return TokenCounting.EVERY_STEP;
        }
      };

  /**
   * Counters moved at every engine step lag one token per running request; counters moved when a
   * request ends lag what the running requests will add: the tokens in flight where the page says,
   * else the mean generated tokens of a finished request per running request.
   */
  static final Lag PER_STEP_OR_REQUEST =
      model -> {
        double inFlight = model.value(Role.IN_FLIGHT_TOKENS);
        if (!Double.isNaN(inFlight)) {
          return inFlight;
        }
        double perRequest = 1;
        double observations = model.value(Role.GENERATED_OBSERVATIONS);
        if (observations > 0) {
          perRequest = Math.max(1, model.value(Role.GENERATED) / observations);
        }
        return orZero(model.value(Role.RUNNING)) * perRequest;
      };

  /**
   * One series and what it counts.
   *
   * @param role what the series counts
   * @param selector which samples
   * @param preferred another sample name for the same series (a second spelling): when any sample
   *     of that name is on the page, this rule reads nothing, so nothing counts twice; null when
   *     this rule is the preferred spelling
   * @param replicaLabel null to sum the samples; else the label whose value names a group of
   *     replicas that each report the same value: the largest per group counts, summed over groups
   * @param fallback a token rule read only for a model with no sample of the preferred token rules
   */
  record Rule(
      Role role, MetricSelector selector, String preferred, String replicaLabel, boolean fallback) {
    Rule {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(selector, "selector");
    }

    /** A rule read whatever else is on the page. */
    static Rule of(Role role, String metric, String... labelNamesAndValues) {
      return new Rule(role, MetricSelector.of(metric, labelNamesAndValues), null, null, false);
    }

    /** A rule reading a configured selector. */
    static Rule of(Role role, MetricSelector selector) {
      return new Rule(role, selector, null, null, false);
    }

    /** The same series under another sample name, read only when this rule's name is absent. */
    Rule spelledAs(String otherName) {
      return new Rule(
          role,
          new MetricSelector(otherName, selector.labels()),
          selector.metric(),
          replicaLabel,
          fallback);
    }

    /**
     * Each rule, then the same in the underscore spelling that prometheus_client 0.23 and later
     * writes for a colon name under OpenMetrics negotiation ({@code vllm_} for {@code vllm:}), read
     * only where the colon spelling is absent, so nothing counts twice.
     */
    static List<Rule> inBothSpellings(List<Rule> colonRules) {
      List<Rule> rules = new ArrayList<>();
      for (Rule rule : colonRules) {
        rules.add(rule);
        rules.add(rule.spelledAs(rule.selector().metric().replace(':', '_')));
      }
      return List.copyOf(rules);
    }

    /** This series as replicas report it, grouped by {@code groupLabel}. */
    Rule perReplica(String groupLabel) {
      return new Rule(role, selector, preferred, groupLabel, fallback);
    }

    /** This token series, read only where the preferred ones are absent. */
    Rule asFallback() {
      return new Rule(role, selector, preferred, replicaLabel, true);
    }
  }

  private final String modelLabel;
  private final List<Rule> rules;
  private final Map<String, List<Integer>> rulesByName;
  private final Set<String> sampleNames;
  private final List<String> metricsInRuleOrder;
  private final Map<String, String> displayNames;
  private final Absent absent;
  private final Lag lag;
  private final String noCountersMessage;

  /**
   * @param modelLabel the label naming the served model, or null when the page has none (every
   *     sample then counts under {@link ModelCounters#UNKNOWN_MODEL})
   * @param rules the table, in the order its metrics recognise the engine
   * @param absent what missing counters read as
   * @param lag how far the counters may lag, per model
   * @param noCountersMessage the message of the {@link MissingMetricsException} thrown when no
   *     model has token counters on the page
   */
  CounterReader(
      String modelLabel, List<Rule> rules, Absent absent, Lag lag, String noCountersMessage) {
    this.modelLabel = modelLabel;
    this.rules = List.copyOf(rules);
    this.absent = Objects.requireNonNull(absent, "absent");
    this.lag = Objects.requireNonNull(lag, "lag");
    this.noCountersMessage = Objects.requireNonNull(noCountersMessage, "noCountersMessage");
    Map<String, List<Integer>> byName = new HashMap<>();
    Map<String, StringJoiner> display = new HashMap<>();
    for (int i = 0; i < this.rules.size(); i++) {
      Rule rule = this.rules.get(i);
      byName.computeIfAbsent(rule.selector().metric(), name -> new ArrayList<>()).add(i);
      if (rule.preferred() == null) {
        display
            .computeIfAbsent(key(rule.role(), rule.fallback()), k -> new StringJoiner(" or "))
            .add(rule.selector().toString());
      }
    }
    byName.replaceAll((name, list) -> List.copyOf(list));
    this.rulesByName = Map.copyOf(byName);
    this.sampleNames = Set.copyOf(byName.keySet());
    this.metricsInRuleOrder =
        this.rules.stream().map(rule -> rule.selector().metric()).distinct().toList();
    Map<String, String> names = new HashMap<>();
    display.forEach((k, joiner) -> names.put(k, joiner.toString()));
    this.displayNames = Map.copyOf(names);
  }

  /** A reader of counters that move per step (or whose lag the rules tell), none missing. */
  CounterReader(String modelLabel, List<Rule> rules, String noCountersMessage) {
    this(modelLabel, rules, Absent.MISSING, PER_STEP_OR_REQUEST, noCountersMessage);
  }

  /** Every sample name a rule reads. */
  Set<String> sampleNames() {
    return sampleNames;
  }

  /** The rules' metrics in rule order, each once: how a profile recognises its engine. */
  List<String> metricsInRuleOrder() {
    return metricsInRuleOrder;
  }

  /**
   * Sums the samples the rules select, per model, into counters. Samples no rule selects are
   * ignored. {@code tokenResolution} is the lag summed over the models, at least 1.
   *
   * @throws MissingMetricsException when no model has token counters, a model has only one of them
   *     where none may be missing, or a counter holds a value that is not a counter value
   *     (negative, NaN, infinite)
   */
  EngineCounters read(List<Sample> samples) throws MissingMetricsException {
    Set<String> present = new HashSet<>();
    for (Sample sample : samples) {
      if (rulesByName.containsKey(sample.name())) {
        present.add(sample.name());
      }
    }
    Map<String, Sums> models = new TreeMap<>();
    boolean simulated = false;
    for (Sample sample : samples) {
      for (int index : rulesByName.getOrDefault(sample.name(), List.of())) {
        Rule rule = rules.get(index);
        if ((rule.preferred() != null && present.contains(rule.preferred()))
            || !rule.selector().matches(sample)) {
          continue;
        }
        simulated |= SourceLabel.SIMULATED.equals(sample.labels().get(SourceLabel.NAME));
        String model =
            modelLabel == null
                ? ModelCounters.UNKNOWN_MODEL
                : sample.labels().getOrDefault(modelLabel, ModelCounters.UNKNOWN_MODEL);
        models.computeIfAbsent(model, Sums::new).add(index, rule, sample);
      }
    }
    List<ModelCounters> counters = new ArrayList<>();
    double resolution = 0;
    boolean everyStep = true;
    for (Sums sums : models.values()) {
      sums.foldReplicas(rules);
      if (!sums.countsTokens(false)
          && !sums.countsTokens(true)
          && absent != Absent.ZERO_ON_ENGINE_PAGE) {
        continue;
      }
      counters.add(counters(sums));
      resolution += lag.tokens(sums);
      everyStep &= lag.counting(sums) == TokenCounting.EVERY_STEP;
    }
    if (counters.isEmpty()) {
      throw new MissingMetricsException(noCountersMessage);
    }
    return new EngineCounters(
        counters,
        Math.max(1.0, resolution),
        simulated,
        everyStep ? TokenCounting.EVERY_STEP : TokenCounting.ON_COMPLETION);
  }

  private ModelCounters counters(Sums sums) throws MissingMetricsException {
    boolean zeroIfAbsent =
        absent == Absent.ZERO_ON_ENGINE_PAGE
            || (absent == Absent.ZERO_ONCE_COUNTING && !sums.readsFallback());
    Set<String> missing = new LinkedHashSet<>();
    for (Role role : List.of(Role.PROMPT, Role.GENERATED)) {
      if (Double.isNaN(sums.value(role)) && !zeroIfAbsent) {
        missing.add(displayNames.get(key(role, sums.readsFallback())));
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingMetricsException(
          String.join(" and ", missing) + " missing for model " + sums.model);
    }
    double requests = sums.value(Role.REQUESTS);
    double cachedApart = sums.value(Role.PROMPT_CACHED_APART);
    return new ModelCounters(
        sums.model,
        orZero(sums.value(Role.PROMPT)) + orZero(cachedApart),
        orZero(sums.value(Role.GENERATED)),
        Double.isNaN(requests) && absent == Absent.ZERO_ON_ENGINE_PAGE ? 0 : requests,
        sums.value(Role.RUNNING),
        Double.isNaN(cachedApart) ? sums.value(Role.PROMPT_CACHED) : cachedApart);
  }

  private static String key(Role role, boolean fallback) {
    return role + (fallback ? "/fallback" : "");
  }

  static double orZero(double value) {
    return Double.isNaN(value) ? 0 : value;
  }

  /** The sums of one model, as the rules read them; what a {@link Lag} reads. */
  static final class Sums {
    private final String model;
    private final double[][] sums = new double[2][Role.values().length];
    private final boolean[][] seen = new boolean[2][Role.values().length];
    private final Map<Integer, Map<String, Double>> replicaMax = new HashMap<>();
    private boolean runningInvalid;

    private Sums(String model) {
      this.model = model;
    }

    private void add(int index, Rule rule, Sample sample) throws MissingMetricsException {
      double value = sample.value();
      if (!Double.isFinite(value) || value < 0) {
        if (rule.role().counter()) {
          throw new MissingMetricsException(
              sample.name()
                  + sample.labels()
                  + " has the value "
                  + value
                  + ", not a counter value");
        }
        runningInvalid |= rule.role() == Role.RUNNING;
        return;
      }
      if (rule.replicaLabel() == null) {
        record(rule, value);
      } else {
        replicaMax
            .computeIfAbsent(index, i -> new HashMap<>())
            .merge(sample.labels().getOrDefault(rule.replicaLabel(), ""), value, Math::max);
      }
    }

    private void record(Rule rule, double value) {
      int tier = rule.fallback() ? 1 : 0;
      // Two values near the largest double overflow to infinity; kept finite, the sum reaches
      // CounterSanity, which refuses the reading and says why.
      sums[tier][rule.role().ordinal()] =
          Math.min(sums[tier][rule.role().ordinal()] + value, Double.MAX_VALUE);
      seen[tier][rule.role().ordinal()] = true;
    }

    private void foldReplicas(List<Rule> rules) {
      replicaMax.forEach(
          (index, groups) -> groups.values().forEach(value -> record(rules.get(index), value)));
      replicaMax.clear();
    }

    private boolean countsTokens(boolean fallback) {
      int tier = fallback ? 1 : 0;
      return seen[tier][Role.PROMPT.ordinal()] || seen[tier][Role.GENERATED.ordinal()];
    }

    /** Whether this model's tokens come from the fallback rules: it has none of the preferred. */
    boolean readsFallback() {
      return !countsTokens(false) && countsTokens(true);
    }

    /**
     * What the rules of {@code role} read for this model (token roles from the rules it reads
     * tokens from), NaN when none did, or for {@link Role#RUNNING} when a value was bad.
     */
    double value(Role role) {
      if (role == Role.RUNNING && runningInvalid) {
        return Double.NaN;
      }
      int r = role.ordinal();
      if (role.tokens()) {
        int tier = readsFallback() ? 1 : 0;
        return seen[tier][r] ? sums[tier][r] : Double.NaN;
      }
      return seen[0][r] || seen[1][r] ? sums[0][r] + sums[1][r] : Double.NaN;
    }
  }
}
