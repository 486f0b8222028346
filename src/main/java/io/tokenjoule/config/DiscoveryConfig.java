package io.tokenjoule.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whether and how the agent finds inference servers by itself, and the rules applied to what it
 * finds. Discovered servers join the configured ones.
 *
 * @param mode {@link Mode#OFF} (the default) or {@link Mode#AUTO}
 * @param interval how often discovery runs again, 5 s to 24 h; the plan changes only when its
 *     result does
 * @param exclude discovered servers to leave out: one matching rule is enough
 * @param rename new names for discovered servers, by their discovered name ({@code vllm-8000})
 * @param pin configured server names that win over a discovered server with the same URL; without a
 *     pin, the discovered server replaces the configured one (its GPUs are current)
 */
public record DiscoveryConfig(
    Mode mode,
    Duration interval,
    List<Exclusion> exclude,
    Map<String, String> rename,
    List<String> pin) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(5);
  public static final Duration MAX_INTERVAL = Duration.ofHours(24);

  /** Whether discovery runs. */
  public enum Mode {
    OFF,
    AUTO
  }

  /**
   * Leaves out the discovered servers that match every key given.
   *
   * @param port the port of the metrics URL, when given
   * @param engine the engine name, when given
   */
  public record Exclusion(OptionalInt port, Optional<String> engine) {
    public Exclusion {
      Objects.requireNonNull(port, "port");
      Objects.requireNonNull(engine, "engine");
      if (port.isEmpty() && engine.isEmpty()) {
        throw new IllegalArgumentException("an exclusion needs a port or an engine");
      }
    }

    public boolean matches(int serverPort, String serverEngine) {
      return (port.isEmpty() || port.getAsInt() == serverPort)
          && (engine.isEmpty() || engine.get().equals(serverEngine));
    }
  }

  public DiscoveryConfig {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(interval, "interval");
    exclude = List.copyOf(exclude);
    rename = Map.copyOf(rename);
    pin = List.copyOf(pin);
    if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
      throw new IllegalArgumentException(
          "discovery interval must be between 5s and 24h, got " + DurationSyntax.format(interval));
    }
  }

  /** Discovery off, the default. */
  public static DiscoveryConfig off() {
    return new DiscoveryConfig(Mode.OFF, DEFAULT_INTERVAL, List.of(), Map.of(), List.of());
  }

  public boolean enabled() {
    return mode == Mode.AUTO;
  }

  /** The name a discovered server goes by: its rename, or its discovered name. */
  public String nameFor(String discoveredName) {
    return rename.getOrDefault(discoveredName, discoveredName);
  }

  public boolean excludes(int port, String engine) {
    return exclude.stream().anyMatch(rule -> rule.matches(port, engine));
  }
}
