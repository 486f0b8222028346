package io.tokenjoule.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Loads the agent's YAML configuration, applies command-line overrides and validates the result,
 * reporting every problem with its file, line and column (or its flag).
 *
 * <p>Immutable and thread-safe; one loader can load many times (for example on reload).
 */
public final class ConfigLoader {

  private final YamlTreeReader reader = new YamlTreeReader();
  private final ConfigBinder binder;

  /**
   * @param knownEngines the engine names a server's {@code engine} may take, for example {@code
   *     vllm}, besides {@code generic}, which is always known; messages list them in alphabetical
   *     order
   */
  public ConfigLoader(Set<String> knownEngines) {
    this.binder = new ConfigBinder(knownEngines);
  }

  /**
   * Loads {@code file} (UTF-8 YAML), then applies {@code overrides}. An empty file means every
   * default.
   *
   * @throws ConfigException with every problem found; a missing or unreadable file is named
   */
  public AgentConfig load(Path file, List<ConfigOverride> overrides) throws ConfigException {
    return parse(ConfigFileReader.read(file, "configuration file"), file.toString(), overrides);
  }

  /**
   * The defaults with {@code overrides} applied, for running without a file.
   *
   * @throws ConfigException with every problem in the overrides
   */
  public AgentConfig defaults(List<ConfigOverride> overrides) throws ConfigException {
    Mark nowhere = Mark.flag("defaults");
    return bind(new YamlNode.Mapping(List.of(), nowhere), overrides, new Problems());
  }

  /**
   * Parses YAML text, then applies {@code overrides}.
   *
   * @param sourceName how messages name the text, for example {@code tokenjoule.yaml}
   * @throws ConfigException with every problem found
   */
  public AgentConfig parse(String yaml, String sourceName, List<ConfigOverride> overrides)
      throws ConfigException {
    Problems problems = new Problems();
    YamlNode root =
        reader
            .read(yaml, sourceName, problems)
            .orElseGet(() -> new YamlNode.Mapping(List.of(), new Mark(sourceName, 1, 1)));
    if (root instanceof YamlNode.Scalar scalar && scalar.isNull()) {
      root = new YamlNode.Mapping(List.of(), scalar.mark());
    }
    return bind(root, overrides, problems);
  }

  private AgentConfig bind(YamlNode root, List<ConfigOverride> overrides, Problems problems)
      throws ConfigException {
    return binder.bind(OverrideApplier.apply(root, overrides, problems), problems);
  }
}
