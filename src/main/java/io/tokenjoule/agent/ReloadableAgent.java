package io.tokenjoule.agent;

import io.tokenjoule.export.AgentMeters;
import io.tokenjoule.export.MetricsHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent whose configuration can be reloaded while it runs. A reload plans the new configuration
 * and reads the web config again (TLS files included) first; a configuration or web config that
 * does not load, plan or check keeps the running agent untouched and sets {@code
 * tokenjoule_config_last_reload_successful 0} with the reason logged. Valid ones replace the
 * running agent: it stops (saving its baselines), and one on the new plan and web config starts on
 * the same {@link AgentRuntime}, so a rotated certificate or a new basic-auth user is served from
 * then on. Counters start again from zero then, which Prometheus reads as a reset. Thread-safe:
 * reloads and close are serialised.
 */
public final class ReloadableAgent implements AutoCloseable {

  /**
   * Loads and plans the configuration and reads the web config again; any exception's message says
   * what is wrong.
   */
  @FunctionalInterface
  public interface Planner {
    AgentPlan plan() throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(ReloadableAgent.class);

  private final Planner planner;
  private final AgentRuntime runtime;
  private volatile double lastReloadSuccessful = 1;
  private volatile double lastSuccessEpochSeconds;
  private Agent running;
  private AgentPlan runningPlan;

  private ReloadableAgent(Planner planner, AgentRuntime runtime) {
    this.planner = planner;
    this.runtime = runtime;
    this.lastSuccessEpochSeconds = runtime.wallClock().millis() / 1000.0;
    AgentMeters.registerReloadGauges(
        runtime.registry(), this, a -> a.lastReloadSuccessful, a -> a.lastSuccessEpochSeconds);
  }

  /**
   * Starts the agent on {@code plan}.
   *
   * @param planner loads and plans the configuration, web config included, again on each reload
   * @throws ListenException when the agent cannot listen
   */
  public static ReloadableAgent start(AgentPlan plan, AgentRuntime runtime, Planner planner) {
    ReloadableAgent agent = new ReloadableAgent(planner, runtime);
    agent.running = Agent.start(plan, runtime);
    agent.runningPlan = plan;
    return agent;
  }

  /**
   * Reloads the configuration; never throws for a bad one.
   *
   * @return whether the new configuration runs now
   * @throws ListenException only when neither the new plan nor the old one can listen any more;
   *     nothing runs then
   */
  public synchronized boolean reload() {
    AgentPlan plan;
    try {
      plan = planner.plan();
    } catch (Exception e) {
      lastReloadSuccessful = 0;
      LOG.error("reload failed, the running configuration stays: {}", e.getMessage());
      return false;
    }
    try {
      MetricsHttpServer.checkTls(runtime.vertx(), plan.web());
    } catch (Exception e) {
      lastReloadSuccessful = 0;
      LOG.error(
          "reload failed, the running configuration and web configuration stay: web"
              + " configuration: {}",
          e.getMessage());
      return false;
    }
    running.close();
    try {
      running = Agent.start(plan, runtime);
    } catch (ListenException e) {
      lastReloadSuccessful = 0;
      LOG.error("reload failed, going back to the running configuration: {}", e.getMessage());
      running = Agent.start(runningPlan, runtime);
      return false;
    }
    runningPlan = plan;
    lastReloadSuccessful = 1;
    lastSuccessEpochSeconds = runtime.wallClock().millis() / 1000.0;
    LOG.info(
        "configuration reloaded: {} server(s), listening on port {}",
        plan.servers().size(),
        running.port());
    return true;
  }

  /** The agent running now. */
  public synchronized Agent current() {
    return running;
  }

  @Override
  public synchronized void close() {
    running.close();
  }
}
