package io.tokenjoule.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's configuration as the command line names it: the configuration file (or none, for the
 * defaults), the flags that override it, and the web configuration file. Loaded at start and again
 * on every reload. Immutable and thread-safe.
 *
 * @param config the YAML configuration; empty for the defaults and flags alone
 * @param overrides the flags, applied over the file in order
 * @param webConfig the exporter-toolkit web configuration; empty for plain HTTP without users
 * @param knownEngines the engine names a server's {@code engine} may take besides {@code generic}
 */
public record ConfigFiles(
    Optional<Path> config,
    List<ConfigOverride> overrides,
    Optional<Path> webConfig,
    Set<String> knownEngines) {

  public ConfigFiles {
    Objects.requireNonNull(config, "config");
    overrides = List.copyOf(overrides);
    Objects.requireNonNull(webConfig, "webConfig");
    knownEngines = Set.copyOf(knownEngines);
  }

  /**
   * The configuration file, or the defaults, with the flags applied.
   *
   * @throws ConfigException with every problem, each with its file, line and column (or flag)
   */
  public AgentConfig loadConfig() throws ConfigException {
    ConfigLoader loader = new ConfigLoader(knownEngines);
    return config.isPresent() ? loader.load(config.get(), overrides) : loader.defaults(overrides);
  }

  /**
   * The web configuration, read afresh (its TLS files included); none without a file.
   *
   * @throws ConfigException with every problem, each with its file, line and key
   */
  public WebConfig loadWebConfig() throws ConfigException {
    return webConfig.isPresent() ? new WebConfigLoader().load(webConfig.get()) : WebConfig.none();
  }

  /** How messages name the configuration: its file, or {@code defaults and flags}. */
  public String configName() {
    return config.map(Path::toString).orElse("defaults and flags");
  }
}
