package io.tokenjoule.energybench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares a run with a baseline result.json, level by level, on the steady-state joules per
 * generated token (the whole level's when a level has no steady state). Results are compared only
 * at the same workload (model, API, prompt and output lengths or dataset) and concurrency; anything
 * else is refused, since J/token depends on both. An invalid result (on either side) is never
 * compared, and neither is one whose energy is known less precisely than the allowed regression: a
 * change within the measurement's own uncertainty says nothing.
 */
public final class RegressionGate {

  /** The gate's verdict: {@link #PASS}, {@link #REGRESSION} or {@link #REFUSED}, with its lines. */
  public record Verdict(int exitCode, List<String> lines) {
    public static final int PASS = 0;
    public static final int REGRESSION = 1;
    public static final int REFUSED = 2;

    public Verdict {
      lines = List.copyOf(lines);
    }
  }

  private final double maxRegression;

  /**
   * @param maxRegression the allowed rise in J/token, as a fraction (0.05 for 5%)
   */
  public RegressionGate(double maxRegression) {
    if (!(maxRegression >= 0) || Double.isInfinite(maxRegression)) {
      throw new IllegalArgumentException("the allowed regression must be >= 0");
    }
    this.maxRegression = maxRegression;
  }

  /**
   * Why a run of {@code workload} at {@code concurrencies} cannot be compared with the baseline in
   * {@code baselineFile}, checked before the run so a mismatch costs nothing; empty when it can.
   */
  public static Optional<Verdict> refusal(
      WorkloadKey workload, List<Integer> concurrencies, Path baselineFile) {
    Baseline baseline;
    try {
      baseline = Baseline.read(baselineFile);
    } catch (IllegalArgumentException e) {
      return Optional.of(refused(e.getMessage()));
    }
    List<String> differences = workload.differencesFrom(baseline.workload());
    if (!differences.isEmpty()) {
      List<String> lines = new ArrayList<>();
      lines.add("the baseline was measured on another workload; refusing to compare:");
      differences.forEach(d -> lines.add("  " + d));
      return Optional.of(new Verdict(Verdict.REFUSED, lines));
    }
    for (int concurrency : concurrencies) {
      if (!baseline.levels().containsKey(concurrency)) {
        return Optional.of(
            refused(
                "concurrency "
                    + concurrency
                    + " is not in the baseline (it has "
                    + baseline.levels().keySet()
                    + "); refusing to compare different loads"));
      }
    }
    return Optional.empty();
  }

  public Verdict judge(BenchResult current, Path baselineFile) {
    if (!current.valid()) {
      List<String> lines = new ArrayList<>();
      lines.add("this run is not a valid measurement; refusing to compare:");
      current.problems().forEach(p -> lines.add("  " + p));
      return new Verdict(Verdict.REFUSED, lines);
    }
    List<Integer> concurrencies = current.levels().stream().map(LevelResult::concurrency).toList();
    Optional<Verdict> refusal = refusal(current.workload(), concurrencies, baselineFile);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Baseline baseline = Baseline.read(baselineFile);
    if (!baseline.valid()) {
      return refused(baselineFile + " is not a valid measurement; refusing to compare with it");
    }
    Map<Integer, JsonNode> baselineLevels = baseline.levels();
    List<String> lines = new ArrayList<>();
    boolean regressed = false;
    for (LevelResult level : current.levels()) {
      JsonNode gate = baselineLevels.get(level.concurrency());
      String window = level.steady() != null ? "steady_state" : "whole_run";
      if (!window.equals(gate.path("window").asText())) {
        return refused(
            "concurrency "
                + level.concurrency()
                + ": this run's figure is over the "
                + window
                + ", the baseline's over the "
                + gate.path("window").asText()
                + "; refusing to compare");
      }
      double before = gate.path("joules_per_generated_token").asDouble(Double.NaN);
      double now = level.gated().joulesPerGeneratedToken();
      if (!(before > 0) || !Double.isFinite(now)) {
        return refused("concurrency " + level.concurrency() + ": no J/generated token to compare");
      }
      double nowUncertainty = level.gated().energyUncertaintyRatio();
      double beforeUncertainty =
          gate.path("energy_uncertainty_ratio").asDouble(Double.POSITIVE_INFINITY);
      if (!(nowUncertainty <= maxRegression) || !(beforeUncertainty <= maxRegression)) {
        return refused(
            String.format(
                Locale.ROOT,
                "concurrency %d: energy known to +/-%.2f%% here and +/-%.2f%% in the baseline,"
                    + " more than the allowed regression of %.2f%%: a change that size could be"
                    + " measurement error; measure longer windows (more --requests) or allow"
                    + " more",
                level.concurrency(),
                100 * nowUncertainty,
                100 * beforeUncertainty,
                100 * maxRegression));
      }
      double change = now / before - 1;
      boolean over = change > maxRegression;
      regressed |= over;
      lines.add(
          String.format(
              Locale.ROOT,
              "concurrency %d: %.6g J/generated token (+/-%.2f%%) vs baseline %.6g (+/-%.2f%%)"
                  + " (%+.2f%%, budget +%.2f%%)%s",
              level.concurrency(),
              now,
              nowUncertainty * 100,
              before,
              beforeUncertainty * 100,
              change * 100,
              maxRegression * 100,
              over ? " REGRESSION" : " ok"));
    }
    return new Verdict(regressed ? Verdict.REGRESSION : Verdict.PASS, lines);
  }

  /** What the gate needs of a baseline result.json: its workload and each level's gate figure. */
  private record Baseline(WorkloadKey workload, Map<Integer, JsonNode> levels, boolean valid) {

    /**
     * @throws IllegalArgumentException naming the file when it is not a usable result
     */
    static Baseline read(Path file) {
      JsonNode root;
      try {
        root = ResultJson.read(file);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read baseline " + file + ": " + e.getMessage());
      }
      if (root == null || !ResultJson.SCHEMA.equals(root.path("schema").asText())) {
        throw new IllegalArgumentException(
            file + " is not a tokenjoule bench result (schema " + ResultJson.SCHEMA + ")");
      }
      WorkloadKey key = workload(root.path("workload"));
      if (key == null) {
        throw new IllegalArgumentException(file + ": the baseline's workload is incomplete");
      }
      Map<Integer, JsonNode> levels = new TreeMap<>();
      for (JsonNode level : root.path("levels")) {
        levels.put(level.path("concurrency").asInt(), level.path("gate"));
      }
      return new Baseline(key, levels, root.path("valid").asBoolean(false));
    }

    private static WorkloadKey workload(JsonNode node) {
      if (!node.path("model").isTextual() || !node.path("max_tokens").canConvertToInt()) {
        return null;
      }
      ApiKind api;
      try {
        api = ApiKind.valueOf(node.path("api").asText().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
      JsonNode prompt = node.path("prompt_tokens");
      JsonNode sha = node.path("dataset_sha256");
      return new WorkloadKey(
          node.path("model").asText(),
          api,
          prompt.canConvertToInt() ? prompt.asInt() : null,
          node.path("max_tokens").asInt(),
          sha.isTextual() ? sha.asText() : null,
          node.path("ignore_eos").asBoolean(false),
          node.path("distinct_prompts").asBoolean(false));
    }
  }

  private static Verdict refused(String line) {
    return new Verdict(Verdict.REFUSED, List.of(line));
  }
}
