package io.tokenjoule.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.agent.AgentPlanner;
import io.tokenjoule.agent.AgentVertx;
import io.tokenjoule.agent.ListenException;
import io.tokenjoule.agent.ShutdownSignal;
import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.ConfigException;
import io.tokenjoule.config.ConfigLoader;
import io.tokenjoule.config.ConfigOverride;
import io.tokenjoule.config.ProxyConfig;
import io.tokenjoule.config.WebConfig;
import io.tokenjoule.config.WebConfigLoader;
import io.tokenjoule.export.BuildInfo;
import io.tokenjoule.export.MetricsHttpServer;
import io.tokenjoule.export.PrometheusNaming;
import io.tokenjoule.proxy.MeteringProxy;
import io.tokenjoule.scrape.EngineProfiles;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenjoule proxy}: the metering proxy alone, its counters on its own /metrics. */
@Command(
    name = "proxy",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs the metering proxy: forwards every request to an OpenAI-compatible or Ollama server"
          + " and counts the tokens of each answer per tenant and model, served on /metrics. For"
          + " energy per tenant, give the agent a proxy: section instead. Flags override the"
          + " configuration.",
      "Exit codes: 0 stopped cleanly, 2 invalid configuration, 4 cannot listen."
    })
final class ProxyCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyCommand.class);

  @Spec CommandSpec spec;

  @Mixin LoggingOptions logging;

  @Option(
      names = "--upstream",
      paramLabel = "URL",
      description = "The inference server, such as http://127.0.0.1:11434 (proxy.upstream).")
  String upstream;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "Where clients send their requests, such as :8080 (proxy.listen).")
  String listen;

  @Option(
      names = "--web.listen-address",
      paramLabel = "HOST:PORT",
      description = "Where to serve /metrics (default: :9847).")
  String metricsAddress;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "The agent's YAML configuration; its proxy: section and listen_address are read.")
  Path config;

  @Option(
      names = "--web.config.file",
      paramLabel = "FILE",
      description = "Prometheus exporter-toolkit web config for /metrics: TLS, mTLS, basic auth.")
  Path webConfigFile;

  @Override
  public Integer call() throws Exception {
    logging.apply();
    PrintWriter err = spec.commandLine().getErr();
    AgentConfig loaded;
    WebConfig webConfig;
    try {
      ConfigLoader loader = new ConfigLoader(EngineProfiles.names());
      loaded = config == null ? loader.defaults(overrides()) : loader.load(config, overrides());
      webConfig =
          webConfigFile == null ? WebConfig.none() : new WebConfigLoader().load(webConfigFile);
    } catch (ConfigException e) {
      return fail(err, "invalid configuration:\n" + e.getMessage(), AgentCommand.EXIT_BAD_CONFIG);
    }
    if (loaded.proxy().isEmpty()) {
      return fail(
          err,
          "nothing to proxy: give --upstream URL and --listen HOST:PORT, or a configuration with a"
              + " proxy: section",
          AgentCommand.EXIT_BAD_CONFIG);
    }
    ProxyConfig proxyConfig = loaded.proxy().get();
    if (!proxyConfig.gpus().isEmpty()) {
      LOG.info("proxy.gpus is read by the agent; the proxy alone counts tokens, not energy");
    }
    PrometheusMeterRegistry registry = PrometheusNaming.newRegistry();
    Vertx vertx = AgentVertx.create();
    try (ShutdownSignal shutdown = new ShutdownSignal()) {
      MetricsHttpServer metrics =
          new MetricsHttpServer(
              vertx, registry, () -> true, BuildInfo.load().version(), webConfig, null);
      MeteringProxy proxy = null;
      try {
        int metricsPort = listenMetrics(metrics, loaded);
        proxy = ProxyLauncher.start(vertx, proxyConfig, registry, false);
        LOG.info(
            "proxying {} on {} (port {}); metrics on port {}",
            proxyConfig.settings().upstream(),
            proxyConfig.listen(),
            proxy.port(),
            metricsPort);
        while (!shutdown.await(Duration.ofSeconds(1))) {
          // the event loops do the work
        }
        LOG.info("stopping");
        return 0;
      } catch (ListenException e) {
        return fail(err, e.getMessage(), AgentCommand.EXIT_CANNOT_LISTEN);
      } finally {
        if (proxy != null) {
          proxy.close();
        }
        metrics.close();
        vertx.close().await();
        registry.close();
      }
    }
  }

  private static int listenMetrics(MetricsHttpServer metrics, AgentConfig config) {
    try {
      return metrics.start(AgentPlanner.bindHost(config.listen()), config.listen().port()).await();
    } catch (Exception e) { // Future.await rethrows the bind failure as it came
      throw new ListenException(config.listen() + " (metrics)", e);
    }
  }

  private List<ConfigOverride> overrides() {
    List<ConfigOverride> overrides = new ArrayList<>();
    if (upstream != null) {
      overrides.add(new ConfigOverride("proxy.upstream", upstream, "--upstream"));
    }
    if (listen != null) {
      overrides.add(new ConfigOverride("proxy.listen", listen, "--listen"));
    }
    if (metricsAddress != null) {
      overrides.add(new ConfigOverride("listen_address", metricsAddress, "--web.listen-address"));
    }
    return overrides;
  }

  private static int fail(PrintWriter err, String message, int exitCode) {
    err.println("tokenjoule proxy: " + message);
    err.flush();
    return exitCode;
  }
}
