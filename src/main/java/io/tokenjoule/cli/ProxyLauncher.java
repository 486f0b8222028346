package io.tokenjoule.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokenjoule.agent.AgentPlanner;
import io.tokenjoule.agent.ListenException;
import io.tokenjoule.config.ProxyConfig;
import io.tokenjoule.proxy.MeteringProxy;
import io.vertx.core.Vertx;

/** Starts the metering proxy a configuration describes, for the proxy and agent commands. */
final class ProxyLauncher {

  private ProxyLauncher() {}

  /**
   * Starts the proxy; blocks until it listens.
   *
   * @param accounting whether the agent joins its requests to energy
   * @throws ListenException when it cannot listen
   */
  static MeteringProxy start(
      Vertx vertx, ProxyConfig config, MeterRegistry registry, boolean accounting) {
    String host = AgentPlanner.bindHost(config.listen());
    try {
      return MeteringProxy.start(
              vertx, config.settings(), host, config.listen().port(), registry, accounting)
          .await();
    } catch (Exception e) { // Future.await rethrows the bind failure as it came
      throw new ListenException(config.listen() + " (proxy)", e);
    }
  }
}
