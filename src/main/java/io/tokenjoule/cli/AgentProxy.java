package io.tokenjoule.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokenjoule.agent.AgentExtension;
import io.tokenjoule.agent.AgentPlan;
import io.tokenjoule.agent.AgentPlanner;
import io.tokenjoule.agent.ListenException;
import io.tokenjoule.agent.PlanException;
import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.ProxyConfig;
import io.tokenjoule.proxy.MeteringProxy;
import io.tokenjoule.proxy.ProxyLocalServer;
import io.tokenjoule.source.GpuIdentity;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metering proxy the agent runs when its configuration has a {@code proxy:} section. It starts
 * once, before the agent, and runs until the agent stops: a reload replaces the agent's run, never
 * the proxy, so requests in flight are not cut. With {@code proxy.gpus} its server joins every plan
 * as a local server, so its tokens meet its GPUs' energy.
 */
final class AgentProxy implements AgentExtension {

  private static final Logger LOG = LoggerFactory.getLogger(AgentProxy.class);

  private final Optional<ProxyConfig> config;
  private final MeteringProxy proxy;

  private AgentProxy(Optional<ProxyConfig> config, MeteringProxy proxy) {
    this.config = config;
    this.proxy = proxy;
  }

  /**
   * Starts the proxy the configuration asks for, if any; blocks until it listens.
   *
   * @throws ListenException when it cannot listen
   */
  static AgentProxy start(AgentConfig agentConfig, Vertx vertx, MeterRegistry registry) {
    Optional<ProxyConfig> config = agentConfig.proxy();
    if (config.isEmpty()) {
      return new AgentProxy(config, null);
    }
    boolean joined = !config.get().gpus().isEmpty();
    MeteringProxy proxy = ProxyLauncher.start(vertx, config.get(), registry, joined);
    LOG.info(
        "proxying {} on port {}{}",
        config.get().settings().upstream(),
        proxy.port(),
        joined
            ? ", accounted as server " + config.get().server()
            : "; no proxy.gpus, so its tokens are counted without energy");
    return new AgentProxy(config, proxy);
  }

  /**
   * The plan with the proxy's server among its local servers, when the proxy has GPUs.
   *
   * @throws PlanException when those GPUs are not among the agent's
   */
  @Override
  public AgentPlan join(AgentPlan plan, List<GpuIdentity> gpusPresent) throws PlanException {
    if (proxy == null || proxy.finishedRequests().isEmpty()) {
      return plan;
    }
    ProxyConfig proxyConfig = config.orElseThrow();
    List<GpuIdentity> gpus = AgentPlanner.resolve(proxyConfig.gpus(), gpusPresent);
    return plan.withLocalServer(
        new ProxyLocalServer(proxyConfig.server(), gpus, proxy.finishedRequests().get()));
  }

  /**
   * Refuses a reloaded configuration whose proxy differs: the proxy is read once at start.
   *
   * @throws IllegalStateException saying so
   */
  @Override
  public void checkUnchanged(AgentConfig next) {
    if (!next.proxy().equals(config)) {
      throw new IllegalStateException(
          "the proxy section is read once at start; restart the agent to change it");
    }
  }

  @Override
  public void close() {
    if (proxy != null) {
      proxy.close();
    }
  }
}
