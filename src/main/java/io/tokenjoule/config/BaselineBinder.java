package io.tokenjoule.config;

import io.tokenjoule.Seconds;
import io.tokenjoule.account.baseline.BaselineSettings;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code baseline} section: how the load-aware J/token baseline learns. Every key is
 * optional; the sample period is the window, set when the agent is planned.
 */
final class BaselineBinder {

  static final String SLOT = "slot";
  static final String HORIZON = "horizon";
  static final String MIN_SLOTS = "min_slots";
  static final String MAX_UNCERTAINTY = "max_uncertainty";
  static final String MIN_GENERATED_TOKENS = "min_generated_tokens";
  static final List<String> KEYS =
      List.of(SLOT, HORIZON, MIN_SLOTS, MAX_UNCERTAINTY, MIN_GENERATED_TOKENS);

  private BaselineBinder() {}

  static Optional<BaselineSettings> read(Optional<Located> at, Problems problems) {
    BaselineSettings defaults = BaselineSettings.DEFAULTS;
    if (at.isEmpty()) {
      return Optional.of(defaults);
    }
    int before = problems.count();
    Optional<MappingReader> reader = MappingReader.of(at.get(), KEYS, problems);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    MappingReader keys = reader.get();
    double slot = seconds(keys.optional(SLOT), defaults.slotSeconds(), problems);
    double horizon = seconds(keys.optional(HORIZON), defaults.horizonSeconds(), problems);
    double minSlots =
        keys.optional(MIN_SLOTS)
            .flatMap(
                m ->
                    NumberSyntax.read(
                        m,
                        v -> v >= 1 && v == Math.rint(v) && v <= 10_000,
                        "must be a whole number 1 to 10000",
                        problems))
            .orElse((double) defaults.minSlots());
    double maxUncertainty =
        keys.optional(MAX_UNCERTAINTY)
            .flatMap(
                m -> NumberSyntax.read(m, v -> v > 0 && v <= 1, "must be > 0 and <= 1", problems))
            .orElse(defaults.maxUncertainty());
    double minTokens =
        keys.optional(MIN_GENERATED_TOKENS)
            .flatMap(m -> NumberSyntax.read(m, v -> v >= 0, "must be >= 0", problems))
            .orElse(defaults.minGeneratedTokens());
    if (problems.count() > before) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new BaselineSettings(
              slot,
              horizon,
              (int) minSlots,
              maxUncertainty,
              minTokens,
              defaults.samplePeriodSeconds()));
    } catch (IllegalArgumentException e) {
      problems.add(at.get().location(), e.getMessage());
      return Optional.empty();
    }
  }

  private static double seconds(Optional<Located> at, double fallback, Problems problems) {
    return at.flatMap(d -> DurationSyntax.read(d, problems)).map(Seconds::of).orElse(fallback);
  }
}
