package io.tokenjoule.config;

import static io.tokenjoule.config.ConfigKeys.ENGINE;
import static io.tokenjoule.config.ConfigKeys.GENERIC;
import static io.tokenjoule.config.ConfigKeys.GENERIC_KEYS;
import static io.tokenjoule.config.ConfigKeys.GPUS;
import static io.tokenjoule.config.ConfigKeys.MODEL;
import static io.tokenjoule.config.ConfigKeys.NAME;
import static io.tokenjoule.config.ConfigKeys.SERVER_KEYS;
import static io.tokenjoule.config.ConfigKeys.SERVER_REQUIRED_KEYS;
import static io.tokenjoule.config.ConfigKeys.URL;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads the {@code servers} list: each entry's keys, and names unique across entries. */
final class ServersBinder {

  static final String EXPECTED_NAME =
      "a name of up to 64 letters, digits, _ . : or -, starting with a letter or _";
  static final String EXPECTED_URL =
      "an http or https URL with a host such as http://127.0.0.1:8000/metrics";
  static final String EXPECTED_GPUS = "a non-empty list of GPU indices and UUIDs such as [0, 1]";
  static final String EXPECTED_MODEL =
      "a model name of 1 to " + ServerConfig.MAX_MODEL_LENGTH + " characters such as llama-3.1-8b";

  private final Set<String> knownEngines;
  private final String knownEngineList;

  /**
   * @param knownEngines the engine names a server may use besides {@value
   *     GenericEngineConfig#ENGINE}, which every configuration knows
   */
  ServersBinder(Set<String> knownEngines) {
    Set<String> engines = new HashSet<>(knownEngines);
    engines.add(GenericEngineConfig.ENGINE);
    this.knownEngines = Set.copyOf(engines);
    this.knownEngineList = String.join(", ", new TreeSet<>(engines));
  }

  /**
   * Reads {@code servers}; absent or empty means no servers.
   *
   * @param selection the top-level GPU selection, when valid, to check each server's GPUs against
   * @return the valid servers; when a problem was reported, some may be missing
   */
  List<ServerConfig> read(
      Optional<Located> at, Optional<GpuSelection> selection, Problems problems) {
    if (at.isEmpty()) {
      return List.of();
    }
    if (!(at.get().node() instanceof YamlNode.Sequence list)) {
      problems.add(
          at.get().location(),
          "expected a list of servers, each a mapping with keys "
              + String.join(", ", SERVER_KEYS)
              + ", got "
              + at.get().node().describe());
      return List.of();
    }
    List<ServerConfig> servers = new ArrayList<>();
    Map<String, ConfigLocation> namesSeen = new HashMap<>();
    for (int i = 0; i < list.items().size(); i++) {
      Located item = at.get().item(i, list.items().get(i));
      server(item, selection, namesSeen, problems).ifPresent(servers::add);
    }
    return servers;
  }

  private Optional<ServerConfig> server(
      Located at,
      Optional<GpuSelection> selection,
      Map<String, ConfigLocation> namesSeen,
      Problems problems) {
    int before = problems.count();
    Optional<MappingReader> reader = MappingReader.of(at, SERVER_KEYS, problems);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    MappingReader keys = reader.get();
    Optional<String> name =
        keys.required(NAME, SERVER_REQUIRED_KEYS).flatMap(n -> name(n, namesSeen, problems));
    Optional<URI> url =
        keys.required(URL, SERVER_REQUIRED_KEYS)
            .flatMap(u -> u.parse(problems, EXPECTED_URL, ServersBinder::metricsUrl));
    Optional<Located> engineAt = keys.required(ENGINE, SERVER_REQUIRED_KEYS);
    Optional<String> engine =
        engineAt.flatMap(
            e ->
                e.parse(problems, "an engine name (one of " + knownEngineList + ")", this::engine));
    Optional<List<GpuRef>> gpus =
        keys.required(GPUS, SERVER_REQUIRED_KEYS).flatMap(g -> gpus(g, selection, problems));
    Optional<String> model =
        keys.optional(MODEL).flatMap(m -> m.parse(problems, EXPECTED_MODEL, ServersBinder::model));
    Optional<Located> genericAt = keys.optional(GENERIC);
    Optional<GenericEngineConfig> generic =
        genericAt.flatMap(g -> GenericEngineBinder.read(g, problems));
    if (engine.isPresent()) {
      genericBlockMatchesEngine(engine.get(), engineAt.orElseThrow(), genericAt, problems);
    }
    if (problems.count() != before) {
      return Optional.empty();
    }
    return Optional.of(
        new ServerConfig(
            name.orElseThrow(),
            url.orElseThrow(),
            engine.orElseThrow(),
            model,
            gpus.orElseThrow(),
            at.location(),
            generic));
  }

  /** Engine generic needs a generic block, and no other engine takes one. */
  private static void genericBlockMatchesEngine(
      String engine, Located engineAt, Optional<Located> genericAt, Problems problems) {
    boolean isGeneric = engine.equals(GenericEngineConfig.ENGINE);
    if (isGeneric && genericAt.isEmpty()) {
      problems.add(
          engineAt.location(),
          "engine generic needs a generic: block naming the series to read, with keys "
              + String.join(", ", GENERIC_KEYS)
              + " (prompt_tokens and generated_tokens required)");
    } else if (!isGeneric && genericAt.isPresent()) {
      problems.add(
          genericAt.get().location(),
          "a generic: block is read only with engine: generic, and this server's engine is "
              + engine);
    }
  }

  private static Optional<String> name(
      Located at, Map<String, ConfigLocation> namesSeen, Problems problems) {
    Optional<String> name = at.parse(problems, EXPECTED_NAME, ServersBinder::validName);
    if (name.isEmpty()) {
      return name;
    }
    ConfigLocation first = namesSeen.putIfAbsent(name.get(), at.location());
    if (first != null) {
      problems.add(
          at.location(),
          "server name '"
              + name.get()
              + "' is already used at "
              + first.position()
              + "; names must be unique");
      return Optional.empty();
    }
    return name;
  }

  static String validName(String text) {
    if (!ServerConfig.NAME_PATTERN.matcher(text).matches()) {
      throw new IllegalArgumentException("expected " + EXPECTED_NAME + ", got '" + text + "'");
    }
    return text;
  }

  /** Parses an http(s) URL with a host; an empty path becomes {@code /metrics}. */
  static URI metricsUrl(String text) {
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("expected " + EXPECTED_URL + ", got '" + text + "'");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException("expected " + EXPECTED_URL + ", got '" + text + "'");
    }
    if (url.getRawPath() == null || url.getRawPath().isEmpty()) {
      String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
      return URI.create(scheme + "://" + url.getRawAuthority() + "/metrics" + query);
    }
    return url;
  }

  private static String model(String text) {
    if (text.isBlank()
        || text.length() > ServerConfig.MAX_MODEL_LENGTH
        || text.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("expected " + EXPECTED_MODEL + ", got '" + text + "'");
    }
    return text;
  }

  private String engine(String text) {
    if (!knownEngines.contains(text)) {
      throw new IllegalArgumentException(
          "unknown engine '" + text + "'; known engines: " + knownEngineList);
    }
    return text;
  }

  static Optional<List<GpuRef>> gpus(
      Located at, Optional<GpuSelection> selection, Problems problems) {
    int before = problems.count();
    Optional<List<GpuRef>> refs = GpuListReader.read(at, EXPECTED_GPUS, problems);
    if (refs.isPresent() && selection.isPresent()) {
      for (GpuRef ref : refs.get()) {
        if (!selection.get().includes(ref)) {
          problems.add(
              ref.location(),
              ref.displayName()
                  + " is not in the top-level gpus list ("
                  + selection.get()
                  + "); add it there, or set gpus: all");
        }
      }
    }
    return problems.count() == before ? refs : Optional.empty();
  }
}
