package io.tokenjoule.agent;

import io.tokenjoule.config.GenericEngineConfig;
import io.tokenjoule.config.ServerConfig;
import io.tokenjoule.scrape.EngineProfile;
import io.tokenjoule.scrape.EngineProfiles;
import io.tokenjoule.scrape.GenericProfile;
import io.tokenjoule.scrape.MetricSelector;

/**
 * The engine profile that reads a configured server's page: the registry's profile of its engine,
 * or, for {@code engine: generic}, a {@link GenericProfile} built from its {@code generic} block.
 */
final class ServerProfiles {

  private ServerProfiles() {}

  /**
   * @throws IllegalArgumentException when the engine has no profile; the configuration was
   *     validated against {@link EngineProfiles#names()}, so this is a bug
   */
  static EngineProfile of(ServerConfig server) {
    if (server.generic().isPresent()) {
      return generic(server.generic().get());
    }
    return EngineProfiles.byName(server.engine())
        .orElseThrow(
            () -> new IllegalArgumentException("no engine profile named " + server.engine()));
  }

  static GenericProfile generic(GenericEngineConfig config) {
    return new GenericProfile(
        selector(config.promptTokens()),
        selector(config.generatedTokens()),
        config.requests().map(ServerProfiles::selector),
        config.running().map(ServerProfiles::selector),
        config.modelLabel());
  }

  private static MetricSelector selector(GenericEngineConfig.Series series) {
    return new MetricSelector(series.metric(), series.labels());
  }
}
