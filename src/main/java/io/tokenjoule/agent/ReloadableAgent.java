package io.tokenjoule.agent;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.config.WebConfig;
import io.tokenjoule.export.MetricsHttpServer;
import io.tokenjoule.source.GpuEnergySource;
import io.vertx.core.Vertx;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent whose configuration can be reloaded while it runs. A reload plans the new configuration
 * and reads the web config again (TLS files included) first; a configuration or web config that
 * does not load, plan or check keeps the running agent untouched and sets {@code
 * tokenjoule_config_last_reload_successful 0} with the reason logged. Valid ones replace the
 * running agent: it stops (saving its baselines), and one on the new plan and web config starts on
 * the same GPU source and registry, so a rotated certificate or a new basic-auth user is served
 * from then on. Counters start again from zero then, which Prometheus reads as a reset.
 * Thread-safe: reloads and close are serialised.
 */
public final class ReloadableAgent implements AutoCloseable {

  /** Loads and plans the configuration; any exception's message says what is wrong. */
  @FunctionalInterface
  public interface Planner {
    AgentPlan plan() throws Exception;
  }

  /** Reads the web config; any exception's message says what is wrong. */
  @FunctionalInterface
  public interface WebConfigReader {
    WebConfig read() throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(ReloadableAgent.class);

  private final Planner planner;
  private final GpuEnergySource source;
  private final Vertx vertx;
  private final MonotonicClock clock;
  private final PrometheusMeterRegistry registry;
  private final Clock wallClock;
  private final WebConfigReader webConfigReader;
  private final Runnable reloadRequest;
  private volatile double lastReloadSuccessful = 1;
  private volatile double lastSuccessEpochSeconds;
  private Agent running;
  private AgentPlan runningPlan;
  private WebConfig runningWebConfig;

  private ReloadableAgent(
      Planner planner,
      GpuEnergySource source,
      Vertx vertx,
      MonotonicClock clock,
      PrometheusMeterRegistry registry,
      Clock wallClock,
      WebConfigReader webConfigReader,
      Runnable reloadRequest) {
    this.planner = planner;
    this.source = source;
    this.vertx = vertx;
    this.clock = clock;
    this.registry = registry;
    this.wallClock = wallClock;
    this.webConfigReader = webConfigReader;
    this.reloadRequest = reloadRequest;
    this.lastSuccessEpochSeconds = wallClock.millis() / 1000.0;
    Gauge.builder("tokenjoule.config.last.reload.successful", this, a -> a.lastReloadSuccessful)
        .description("1 if the last configuration reload succeeded (or none was asked), else 0.")
        .register(registry);
    Gauge.builder(
            "tokenjoule.config.last.reload.success.timestamp.seconds",
            this,
            a -> a.lastSuccessEpochSeconds)
        .description("When the configuration was last loaded successfully, epoch seconds.")
        .register(registry);
  }

  /**
   * Starts the agent on {@code plan} with a web config that reloads leave as it is.
   *
   * @see #start(AgentPlan, Planner, GpuEnergySource, Vertx, MonotonicClock,
   *     PrometheusMeterRegistry, Clock, WebConfig, WebConfigReader, Runnable)
   */
  public static ReloadableAgent start(
      AgentPlan plan,
      Planner planner,
      GpuEnergySource source,
      Vertx vertx,
      MonotonicClock clock,
      PrometheusMeterRegistry registry,
      Clock wallClock,
      WebConfig webConfig,
      Runnable reloadRequest) {
    return start(
        plan,
        planner,
        source,
        vertx,
        clock,
        registry,
        wallClock,
        webConfig,
        () -> webConfig,
        reloadRequest);
  }

  /**
   * Starts the agent on {@code plan}.
   *
   * @param planner loads and plans the configuration again on each reload
   * @param webConfig how the endpoint is secured at start
   * @param webConfigReader reads the web config again on each reload
   * @param reloadRequest what {@code POST /-/reload} calls to ask for a reload (the caller then
   *     calls {@link #reload} from its own thread); null for no such endpoint
   * @throws ListenException when the agent cannot listen
   */
  public static ReloadableAgent start(
      AgentPlan plan,
      Planner planner,
      GpuEnergySource source,
      Vertx vertx,
      MonotonicClock clock,
      PrometheusMeterRegistry registry,
      Clock wallClock,
      WebConfig webConfig,
      WebConfigReader webConfigReader,
      Runnable reloadRequest) {
    ReloadableAgent agent =
        new ReloadableAgent(
            planner, source, vertx, clock, registry, wallClock, webConfigReader, reloadRequest);
    agent.running = agent.startAgent(plan, webConfig);
    agent.runningPlan = plan;
    agent.runningWebConfig = webConfig;
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
    WebConfig webConfig;
    try {
      webConfig = webConfigReader.read();
      MetricsHttpServer.checkTls(vertx, webConfig);
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
      running = startAgent(plan, webConfig);
    } catch (ListenException e) {
      lastReloadSuccessful = 0;
      LOG.error("reload failed, going back to the running configuration: {}", e.getMessage());
      running = startAgent(runningPlan, runningWebConfig);
      return false;
    }
    runningPlan = plan;
    runningWebConfig = webConfig;
    lastReloadSuccessful = 1;
    lastSuccessEpochSeconds = wallClock.millis() / 1000.0;
    LOG.info(
        "configuration reloaded: {} server(s), listening on port {}",
        plan.servers().size(),
        running.port());
    return true;
  }

  private Agent startAgent(AgentPlan plan, WebConfig webConfig) {
    return Agent.start(plan, source, vertx, clock, registry, webConfig, reloadRequest);
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
