package io.tokenjoule.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the {@code discovery} section: the mode, the interval, and the exclude, rename and pin
 * rules, checked against the configured servers. Every key is optional; absent, discovery is off.
 */
final class DiscoveryBinder {

  static final String MODE = "mode";
  static final String INTERVAL = "interval";
  static final String EXCLUDE = "exclude";
  static final String RENAME = "rename";
  static final String PIN = "pin";
  static final String PORT = "port";
  static final List<String> KEYS = List.of(MODE, INTERVAL, EXCLUDE, RENAME, PIN);
  static final List<String> EXCLUDE_KEYS = List.of(PORT, ConfigKeys.ENGINE);

  static final String EXPECTED_MODE = "off or auto";
  static final String EXPECTED_PORT = "a port between 1 and 65535";
  static final String EXPECTED_EXCLUDE =
      "a list of rules such as - port: 8001 or - engine: tgi (each a mapping with keys port,"
          + " engine)";
  static final String EXPECTED_RENAME =
      "a mapping from discovered name to name, such as vllm-8000:" + " llama-70b";
  static final String EXPECTED_PIN = "a list of configured server names";

  private final Set<String> knownEngines;
  private final String knownEngineList;

  DiscoveryBinder(Set<String> knownEngines) {
    this.knownEngines = Set.copyOf(knownEngines);
    this.knownEngineList =
        knownEngines.isEmpty() ? "none" : String.join(", ", new TreeSet<>(knownEngines));
  }

  /**
   * @param configured the configured servers, or empty when they had problems of their own (then
   *     pins and renames are not checked against them, to report nothing twice)
   */
  Optional<DiscoveryConfig> read(
      Optional<Located> at, Optional<List<ServerConfig>> configured, Problems problems) {
    if (at.isEmpty()) {
      return Optional.of(DiscoveryConfig.off());
    }
    int before = problems.count();
    Optional<MappingReader> reader = MappingReader.of(at.get(), KEYS, problems);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    MappingReader keys = reader.get();
    DiscoveryConfig.Mode mode =
        keys.optional(MODE)
            .flatMap(m -> m.parse(problems, EXPECTED_MODE, DiscoveryBinder::mode))
            .orElse(DiscoveryConfig.Mode.OFF);
    Duration interval =
        keys.durationBetween(
                INTERVAL,
                DiscoveryConfig.MIN_INTERVAL,
                DiscoveryConfig.MAX_INTERVAL,
                "must be between 5s and 24h",
                problems)
            .orElse(DiscoveryConfig.DEFAULT_INTERVAL);
    List<DiscoveryConfig.Exclusion> exclude =
        keys.optional(EXCLUDE).map(e -> exclusions(e, problems)).orElse(List.of());
    Set<String> configuredNames = new TreeSet<>();
    configured.ifPresent(list -> list.forEach(server -> configuredNames.add(server.name())));
    Map<String, String> rename =
        keys.optional(RENAME)
            .map(r -> renames(r, configured.isPresent(), configuredNames, problems))
            .orElse(Map.of());
    List<String> pin =
        keys.optional(PIN)
            .map(p -> pins(p, configured.isPresent(), configuredNames, problems))
            .orElse(List.of());
    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.of(new DiscoveryConfig(mode, interval, exclude, rename, pin));
  }

  private static DiscoveryConfig.Mode mode(String text) {
    if (text.equals("off")) {
      return DiscoveryConfig.Mode.OFF;
    }
    if (text.equals("auto")) {
      return DiscoveryConfig.Mode.AUTO;
    }
    throw new IllegalArgumentException("expected " + EXPECTED_MODE + ", got '" + text + "'");
  }

  private List<DiscoveryConfig.Exclusion> exclusions(Located at, Problems problems) {
    if (!(at.node() instanceof YamlNode.Sequence list)) {
      problems.add(at.location(), "expected " + EXPECTED_EXCLUDE + ", got " + at.node().describe());
      return List.of();
    }
    List<DiscoveryConfig.Exclusion> rules = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      Located item = at.item(i, list.items().get(i));
      Optional<MappingReader> reader = MappingReader.of(item, EXCLUDE_KEYS, problems);
      if (reader.isEmpty()) {
        continue;
      }
      Optional<Located> port = reader.get().optional(PORT);
      Optional<Located> engine = reader.get().optional(ConfigKeys.ENGINE);
      if (port.isEmpty() && engine.isEmpty()) {
        problems.add(item.location(), "an exclude rule needs a port, an engine or both");
        continue;
      }
      OptionalInt portValue = OptionalInt.empty();
      if (port.isPresent()) {
        Optional<Integer> parsed = port.get().parse(problems, EXPECTED_PORT, DiscoveryBinder::port);
        if (parsed.isEmpty()) {
          continue;
        }
        portValue = OptionalInt.of(parsed.get());
      }
      Optional<String> engineValue = Optional.empty();
      if (engine.isPresent()) {
        engineValue =
            engine
                .get()
                .parse(problems, "an engine name (one of " + knownEngineList + ")", this::engine);
        if (engineValue.isEmpty()) {
          continue;
        }
      }
      rules.add(new DiscoveryConfig.Exclusion(portValue, engineValue));
    }
    return rules;
  }

  private static int port(String text) {
    if (!text.matches("\\d{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
      throw new IllegalArgumentException("expected " + EXPECTED_PORT + ", got '" + text + "'");
    }
    return Integer.parseInt(text);
  }

  private String engine(String text) {
    if (!knownEngines.contains(text)) {
      throw new IllegalArgumentException(
          "unknown engine '" + text + "'; known engines: " + knownEngineList);
    }
    return text;
  }

  private static Map<String, String> renames(
      Located at, boolean check, Set<String> configuredNames, Problems problems) {
    if (!(at.node() instanceof YamlNode.Mapping mapping)) {
      problems.add(at.location(), "expected " + EXPECTED_RENAME + ", got " + at.node().describe());
      return Map.of();
    }
    Map<String, String> renames = new LinkedHashMap<>();
    Map<String, ConfigLocation> targets = new HashMap<>();
    for (YamlNode.Entry entry : mapping.entries()) {
      Located value = at.child(entry.key(), entry.value());
      ConfigLocation keyLocation = entry.keyMark().at(value.keyPath());
      if (!ServerConfig.NAME_PATTERN.matcher(entry.key()).matches()) {
        problems.add(
            keyLocation,
            "expected a discovered server name such as vllm-8000, got '" + entry.key() + "'");
        continue;
      }
      if (renames.containsKey(entry.key())) {
        problems.add(keyLocation, "'" + entry.key() + "' is renamed twice");
        continue;
      }
      Optional<String> name = value.parse(problems, ServersBinder.EXPECTED_NAME, n -> name(n));
      if (name.isEmpty()) {
        continue;
      }
      if (check && configuredNames.contains(name.get())) {
        problems.add(
            value.location(),
            "'"
                + name.get()
                + "' is already a configured server's name; a discovered server needs its own");
        continue;
      }
      ConfigLocation first = targets.putIfAbsent(name.get(), value.location());
      if (first != null) {
        problems.add(
            value.location(),
            "'" + name.get() + "' is already the new name at " + first.position());
        continue;
      }
      renames.put(entry.key(), name.get());
    }
    return renames;
  }

  private static String name(String text) {
    if (!ServerConfig.NAME_PATTERN.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "expected " + ServersBinder.EXPECTED_NAME + ", got '" + text + "'");
    }
    return text;
  }

  private static List<String> pins(
      Located at, boolean check, Set<String> configuredNames, Problems problems) {
    if (!(at.node() instanceof YamlNode.Sequence list)) {
      problems.add(at.location(), "expected " + EXPECTED_PIN + ", got " + at.node().describe());
      return List.of();
    }
    List<String> pins = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      Located item = at.item(i, list.items().get(i));
      Optional<String> name = item.parse(problems, EXPECTED_PIN, n -> n);
      if (name.isEmpty()) {
        continue;
      }
      if (check && !configuredNames.contains(name.get())) {
        problems.add(
            item.location(),
            "'"
                + name.get()
                + "' is not a configured server; configured: "
                + (configuredNames.isEmpty() ? "none" : String.join(", ", configuredNames)));
        continue;
      }
      pins.add(name.get());
    }
    return pins;
  }
}
