package io.tokenjoule.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code energy} section: {@code include}, the energy counted in J/token ({@code [gpu]},
 * or {@code [gpu, host]}), and {@code powercap_dir}. Every key is optional.
 */
final class EnergyBinder {

  static final String INCLUDE = "include";
  static final String POWERCAP_DIR = "powercap_dir";
  static final List<String> KEYS = List.of(INCLUDE, POWERCAP_DIR);

  static final String GPU = "gpu";
  static final String HOST = "host";
  static final String EXPECTED_INCLUDE = "a list of gpu and host, such as [gpu, host]";

  private EnergyBinder() {}

  static Optional<EnergyConfig> read(Optional<Located> at, Problems problems) {
    if (at.isEmpty()) {
      return Optional.of(EnergyConfig.defaults());
    }
    int before = problems.count();
    Optional<MappingReader> reader = MappingReader.of(at.get(), KEYS, problems);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    MappingReader keys = reader.get();
    Set<String> include = keys.optional(INCLUDE).map(i -> include(i, problems)).orElse(Set.of(GPU));
    Path powercap =
        keys.optional(POWERCAP_DIR)
            .flatMap(p -> p.parse(problems, "a directory path", EnergyBinder::directory))
            .orElse(EnergyConfig.DEFAULT_POWERCAP_DIR);
    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.of(new EnergyConfig(include.contains(HOST), powercap));
  }

  private static Set<String> include(Located at, Problems problems) {
    if (!(at.node() instanceof YamlNode.Sequence list) || list.items().isEmpty()) {
      problems.add(at.location(), "expected " + EXPECTED_INCLUDE + ", got " + at.node().describe());
      return Set.of();
    }
    Set<String> kinds = new LinkedHashSet<>();
    for (int i = 0; i < list.items().size(); i++) {
      Located item = at.item(i, list.items().get(i));
      item.parse(problems, EXPECTED_INCLUDE, EnergyBinder::kind)
          .ifPresent(
              kind -> {
                if (!kinds.add(kind)) {
                  problems.add(item.location(), kind + " is listed twice");
                }
              });
    }
    if (!kinds.isEmpty() && !kinds.contains(GPU)) {
      problems.add(
          at.location(),
          "must include gpu: the agent measures GPU servers, and host energy is counted besides"
              + " theirs");
    }
    return kinds;
  }

  private static String kind(String text) {
    if (!text.equals(GPU) && !text.equals(HOST)) {
      throw new IllegalArgumentException("expected gpu or host, got '" + text + "'");
    }
    return text;
  }

  private static Path directory(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("expected a directory path, got '" + text + "'");
    }
  }
}
