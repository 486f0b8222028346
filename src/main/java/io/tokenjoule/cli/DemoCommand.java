package io.tokenjoule.cli;

import io.tokenjoule.Seconds;
import io.tokenjoule.agent.ListenException;
import io.tokenjoule.config.ConfigException;
import io.tokenjoule.config.ListenAddress;
import io.tokenjoule.config.WebConfig;
import io.tokenjoule.config.WebConfigLoader;
import io.tokenjoule.demo.DemoPlan;
import io.tokenjoule.demo.DemoRunner;
import io.tokenjoule.simulate.DemoScenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tokenjoule demo}: simulated GPUs and simulated vLLM servers, and the real agent scraping
 * them over HTTP, end to end. Every series says {@code source="simulated"}. Prints where to look,
 * then, every report interval, the agent's J/token next to the simulator's ground truth.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs SIMULATED GPUs and SIMULATED vLLM servers with the real agent, end to end over HTTP."
          + " Every series it exports says source=\"simulated\". Needs no GPU.",
      "Exit codes: 0 done, 2 invalid flags or web configuration, 4 cannot listen on a port."
    })
final class DemoCommand implements Callable<Integer> {

  private static final int MAX_PORT = 65535;

  @Spec CommandSpec spec;

  @Mixin LoggingOptions logging;

  @Option(
      names = "--web.listen-address",
      paramLabel = "HOST:PORT",
      defaultValue = ":9847",
      description = "Where the agent serves /metrics (default: ${DEFAULT-VALUE}).")
  String listenAddress;

  @Option(
      names = "--web.config.file",
      paramLabel = "FILE",
      description =
          "Prometheus exporter-toolkit web config: TLS, mTLS and basic auth (see agent/web-config.yml).")
  Path webConfigFile;

  @Option(
      names = "--sim.port",
      paramLabel = "PORT",
      defaultValue = "9848",
      description =
          "First port of the simulated vLLM servers, on 127.0.0.1; one port each (default: ${DEFAULT-VALUE}).")
  int simPort;

  @Option(
      names = "--tick",
      paramLabel = "DURATION",
      defaultValue = "1s",
      description =
          "How often GPUs and servers are read, 100ms to 60s (default: ${DEFAULT-VALUE}).")
  String tick;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description =
          "Sliding window of the J/token gauges, 2 x tick to 24h (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      description = "Stop after this long, e.g. 2m (default: run until interrupted).")
  String duration;

  @Option(
      names = "--report-every",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description =
          "How often to print agent vs ground truth; 0s for never (default: ${DEFAULT-VALUE}).")
  String reportEvery;

  @Option(
      names = "--sim.gpus",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Simulate a larger node of this many GPUs (with --sim.servers), for footprint"
              + " measurements; 0 for the standard demo (default: ${DEFAULT-VALUE}).")
  int simGpus;

  @Option(
      names = "--sim.servers",
      paramLabel = "N",
      defaultValue = "0",
      description = "Servers on that larger node (with --sim.gpus; default: ${DEFAULT-VALUE}).")
  int simServers;

  @Option(
      names = "--sim.pods",
      description =
          "Put the simulated servers in simulated Kubernetes pods (namespaces sim-team-a, ...):"
              + " namespace/pod/container labels and tokenjoule_pod_info, as on a node.")
  boolean simPods;

  /** Reads a role in any case, whatever the command line's enum settings. */
  static final class RoleConverter implements CommandLine.ITypeConverter<DemoPlan.Role> {
    @Override
    public DemoPlan.Role convert(String value) {
      for (DemoPlan.Role role : DemoPlan.Role.values()) {
        if (role.name().equalsIgnoreCase(value)) {
          return role;
        }
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a role; expected both, servers or agent");
    }
  }

  @Option(
      names = "--sim.role",
      paramLabel = "ROLE",
      defaultValue = "both",
      converter = RoleConverter.class,
      description =
          "both (default), or split the demo over two processes: servers serves the simulated"
              + " servers at --sim.port..; agent runs the agent alone and scrapes them there. Used"
              + " to measure the agent's footprint without the simulator's.")
  DemoPlan.Role simRole;

  /** One port per simulated server from --sim.port up, every one of them a TCP port. */
  private void checkSimPorts() {
    int servers = simServers > 0 ? simServers : DemoScenario.STANDARD_SERVERS;
    long last = (long) simPort + servers - 1;
    if (simPort < 1 || last > MAX_PORT) {
      throw new ParameterException(
          spec.commandLine(),
          "--sim.port must be between 1 and "
              + (MAX_PORT - servers + 1)
              + " for "
              + servers
              + " simulated servers (one port each), got "
              + simPort);
    }
  }

  @Override
  public Integer call() throws Exception {
    logging.apply();
    ListenAddress listen = CliArguments.listenAddress(spec, "--web.listen-address", listenAddress);
    Duration tickInterval = CliArguments.duration(spec, "--tick", tick);
    Duration windowLength = CliArguments.duration(spec, "--window", window);
    TickAndWindow.check(spec, tickInterval, windowLength);
    Optional<Duration> stopAfter =
        Optional.ofNullable(duration)
            .map(d -> Seconds.toDuration(CliArguments.seconds(spec, "--duration", d)));
    Duration report = CliArguments.duration(spec, "--report-every", reportEvery);
    if (report.isNegative()) {
      throw new ParameterException(spec.commandLine(), "--report-every must be 0s or more");
    }
    PrintWriter err = spec.commandLine().getErr();
    WebConfig webConfig;
    try {
      webConfig =
          webConfigFile == null ? WebConfig.none() : new WebConfigLoader().load(webConfigFile);
    } catch (ConfigException e) {
      err.println("tokenjoule demo: invalid web configuration:\n" + e.getMessage());
      err.flush();
      return AgentCommand.EXIT_BAD_CONFIG;
    }
    if ((simGpus == 0) != (simServers == 0) || simGpus < 0 || simServers < 0) {
      throw new ParameterException(
          spec.commandLine(), "--sim.gpus and --sim.servers go together, both > 0");
    }
    checkSimPorts();
    DemoPlan plan =
        new DemoPlan(
            listen,
            webConfig,
            simPort,
            tickInterval,
            windowLength,
            stopAfter,
            report,
            simGpus,
            simServers,
            simRole,
            simPods);
    try {
      DemoRunner.run(plan, spec.commandLine().getOut());
      return 0;
    } catch (ListenException e) {
      err.println("tokenjoule demo: " + e.getMessage());
      err.flush();
      return AgentCommand.EXIT_CANNOT_LISTEN;
    }
  }
}
