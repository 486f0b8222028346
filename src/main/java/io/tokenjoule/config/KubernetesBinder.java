package io.tokenjoule.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code kubernetes} section. Every key is optional; absent, the defaults of {@link
 * KubernetesConfig#defaults()} hold.
 */
final class KubernetesBinder {

  static final String MODE = "mode";
  static final String LABELS = "labels";
  static final String POD_RESOURCES_SOCKET = "pod_resources_socket";
  static final String CONTAINER_LOGS = "container_logs";
  static final String GONE_POD_GRACE = "gone_pod_grace";
  static final List<String> KEYS =
      List.of(MODE, LABELS, POD_RESOURCES_SOCKET, CONTAINER_LOGS, GONE_POD_GRACE);

  static final String EXPECTED_MODE = "off, auto or on";
  static final String EXPECTED_BOOLEAN = "true or false";
  static final String EXPECTED_PATH = "an absolute path";

  private KubernetesBinder() {}

  static Optional<KubernetesConfig> read(Optional<Located> at, Problems problems) {
    KubernetesConfig defaults = KubernetesConfig.defaults();
    if (at.isEmpty()) {
      return Optional.of(defaults);
    }
    int before = problems.count();
    Optional<MappingReader> reader = MappingReader.of(at.get(), KEYS, problems);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    MappingReader keys = reader.get();
    KubernetesConfig.Mode mode =
        keys.optional(MODE)
            .flatMap(m -> m.parse(problems, EXPECTED_MODE, KubernetesBinder::mode))
            .orElse(defaults.mode());
    boolean labels =
        keys.optional(LABELS)
            .flatMap(l -> l.parse(problems, EXPECTED_BOOLEAN, KubernetesBinder::bool))
            .orElse(defaults.labels());
    Path socket =
        keys.optional(POD_RESOURCES_SOCKET)
            .flatMap(p -> p.parse(problems, EXPECTED_PATH, KubernetesBinder::absolutePath))
            .orElse(defaults.podResourcesSocket());
    Path logs =
        keys.optional(CONTAINER_LOGS)
            .flatMap(p -> p.parse(problems, EXPECTED_PATH, KubernetesBinder::absolutePath))
            .orElse(defaults.containerLogs());
    Duration grace =
        keys.optional(GONE_POD_GRACE)
            .flatMap(
                g ->
                    g.within(
                        DurationSyntax.read(g, problems),
                        d -> d.compareTo(KubernetesConfig.MAX_GRACE) <= 0,
                        "must be at most 24h",
                        problems))
            .orElse(defaults.gonePodGrace());
    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.of(new KubernetesConfig(mode, labels, socket, logs, grace));
  }

  private static KubernetesConfig.Mode mode(String text) {
    switch (text) {
      case "off":
        return KubernetesConfig.Mode.OFF;
      case "auto":
        return KubernetesConfig.Mode.AUTO;
      case "on":
        return KubernetesConfig.Mode.ON;
      default:
        throw new IllegalArgumentException("expected " + EXPECTED_MODE + ", got '" + text + "'");
    }
  }

  private static boolean bool(String text) {
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new IllegalArgumentException("expected " + EXPECTED_BOOLEAN + ", got '" + text + "'");
  }

  private static Path absolutePath(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("expected " + EXPECTED_PATH + ", got '" + text + "'");
    }
    return Path.of(text);
  }
}
