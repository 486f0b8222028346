package io.tokenjoule.scrape;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a server's reading whose counters no server could have produced: a value past 2^53 (where
 * a double no longer counts whole tokens), or an increase since the last accepted reading larger
 * than {@code scrape.max_tokens_per_second} times the time between them. Such a glitch (a counter
 * that jumps by 10^12 for one scrape and comes back) would otherwise become a token total that
 * never comes down and a J/token near zero. The reading after a refused one is checked against the
 * last accepted one, so a counter that comes back is read as if the glitch never happened; one that
 * stays is refused until the agent restarts or reloads and takes it as a new start. A counter lower
 * than before is a restart, and its new value is the increase, as the accounting reads it. One per
 * server; thread-safe.
 */
final class CounterSanity {

  /** The largest value a double holds with every whole number below it exact. */
  static final double LARGEST_EXACT_COUNT = 0x1p53;

  /** Readings closer than this are judged as if this far apart: a lump is not a rate. */
  private static final double MIN_ELAPSED_SECONDS = 1;

  private final double maxTokensPerSecond;
  private Map<String, ModelCounters> accepted = Map.of();
  private double acceptedAtSeconds = Double.NaN;

  /**
   * @param maxTokensPerSecond the most tokens (or requests) per second one counter may rise by
   */
  CounterSanity(double maxTokensPerSecond) {
    if (!(maxTokensPerSecond > 0)) {
      throw new IllegalArgumentException("maxTokensPerSecond must be > 0");
    }
    this.maxTokensPerSecond = maxTokensPerSecond;
  }

  /**
   * Checks {@code reading} and, when it passes, remembers it as the last accepted one.
   *
   * @return what is wrong with it, naming the model, the counter and the values; empty when it
   *     passes
   */
  synchronized Optional<String> check(ServerReading reading) {
    double elapsed = reading.timestampSeconds() - acceptedAtSeconds;
    double bound = maxTokensPerSecond * Math.max(elapsed, MIN_ELAPSED_SECONDS);
    Map<String, ModelCounters> models = new HashMap<>(accepted);
    for (ModelCounters model : reading.counters().models()) {
      ModelCounters before = accepted.get(model.model());
      for (Counter counter : Counter.values()) {
        double value = counter.of(model);
        if (value > LARGEST_EXACT_COUNT) {
          return Optional.of(
              "model "
                  + model.model()
                  + ": "
                  + counter.description
                  + " reads "
                  + value
                  + ", past 2^53 where a counter no longer counts whole units");
        }
        if (before != null && !Double.isNaN(acceptedAtSeconds)) {
          double previous = counter.of(before);
          double increase = value >= previous ? value - previous : value;
          if (increase > bound) {
            return Optional.of(
                String.format(
                    "model %s: %s rose by %.0f in %.1f s (from %.0f to %.0f), more than"
                        + " scrape.max_tokens_per_second (%.0f) allows; readings are refused"
                        + " until it comes back",
                    model.model(),
                    counter.description,
                    increase,
                    elapsed,
                    previous,
                    value,
                    maxTokensPerSecond));
          }
        }
      }
      models.put(model.model(), model);
    }
    accepted = models;
    acceptedAtSeconds = reading.timestampSeconds();
    return Optional.empty();
  }

  private enum Counter {
    PROMPT("prompt tokens"),
    GENERATED("generated tokens"),
    REQUESTS("requests");

    private final String description;

    Counter(String description) {
      this.description = description;
    }

    /** NaN where the engine does not report it, which passes every check. */
    double of(ModelCounters model) {
      return switch (this) {
        case PROMPT -> model.promptTokens();
        case GENERATED -> model.generatedTokens();
        case REQUESTS -> model.requests();
      };
    }
  }
}
