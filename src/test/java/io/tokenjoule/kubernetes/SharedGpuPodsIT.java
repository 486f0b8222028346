package io.tokenjoule.kubernetes;

import static io.tokenjoule.kubernetes.FakeKubelet.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.agent.Agent;
import io.tokenjoule.agent.AgentPlan;
import io.tokenjoule.agent.AgentPlanner;
import io.tokenjoule.agent.AgentRuntime;
import io.tokenjoule.agent.PodAttribution;
import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.ConfigLoader;
import io.tokenjoule.dashboards.LocalPrometheus;
import io.tokenjoule.dashboards.PrometheusApi;
import io.tokenjoule.rules.PrometheusBinaries;
import io.tokenjoule.rules.RuleFiles;
import io.tokenjoule.scrape.EngineProfiles;
import io.tokenjoule.scrape.discovery.DiscoveredGpu;
import io.tokenjoule.scrape.discovery.DiscoveredServer;
import io.tokenjoule.simulate.EngineModel;
import io.tokenjoule.simulate.GroundTruth;
import io.tokenjoule.simulate.LoadSchedule;
import io.tokenjoule.simulate.PowerModel;
import io.tokenjoule.simulate.SimulatedGpuSource;
import io.tokenjoule.simulate.SimulatedVllmServer;
import io.tokenjoule.simulate.SimulatedWorld;
import io.tokenjoule.source.GpuIdentity;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on one simulated node: two simulated vLLM servers in two "pods" of two namespaces
 * time-slice one simulated GPU (70 W idle, 560 W at full load). Their processes' cgroups
 * (containerd, systemd driver), the kubelet's container log links and a fake kubelet serving the
 * real pod-resources proto on a Unix socket say which pod each is; the real agent puts the servers
 * in their pods, splits the GPU by per-process SM utilisation, and a real Prometheus scrapes it.
 *
 * <p>Both pods run at the same load (so the same SM share), serving models of different speed: 2400
 * and 900 generated tokens/s at full load. The simulator's truth is 315 W each, so 0.2625 and 0.7 J
 * per generated token; a split by tokens would charge them 458 W and 172 W (±45%). Each pod's
 * J/token, read from Prometheus by its namespace label, must be within its own published
 * uncertainty of the truth; {@code tokenjoule_pod_info} and the per-namespace recording rule must
 * be there too.
 */
class SharedGpuPodsIT {

  private static final PowerModel H100 = new PowerModel(70, 560, 700);
  private static final String UID_A = "6f1c2a3b-4d5e-4f70-8192-a3b4c5d6e7f8";
  private static final String UID_B = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  private static final String ID_A = "a".repeat(64);
  private static final String ID_B = "b".repeat(64);

  @TempDir Path dir;

  @Test
  void eachPodsEnergyPerTokenIsWithinItsBoundOfTheTruthOnARealScrape() throws Exception {
    Path prometheusBinary = PrometheusBinaries.prometheus().orElse(null);
    assumeTrue(prometheusBinary != null, "prometheus" + PrometheusBinaries.MISSING);
    MonotonicClock clock = MonotonicClock.SYSTEM;
    SimulatedWorld world =
        new SimulatedWorld(
            clock,
            () -> System.currentTimeMillis() / 1000.0,
            "Sim H100",
            List.of(H100),
            List.of(server("sim-a", "org/llama-8b", 2400), server("sim-b", "org/qwen-32b", 900)));
    String gpu = world.gpus().get(0).uuid();
    NodeFixture node =
        new NodeFixture(dir)
            .process((int) world.pid("sim-a"), UID_A, ID_A)
            .process((int) world.pid("sim-b"), UID_B, ID_B)
            .container("team-a", "llama-0", "vllm", ID_A, UID_A)
            .container("team-b", "qwen-0", "vllm", ID_B, UID_B);
    Vertx vertx = Vertx.vertx();
    List<SimulatedVllmServer> servers = new ArrayList<>();
    try (FakeKubelet kubelet = new FakeKubelet(dir.resolve("kubelet.sock"))) {
      kubelet
          .pod("team-a", "llama-0", container("vllm", "nvidia.com/gpu", gpu + "::0"))
          .pod("team-b", "qwen-0", container("vllm", "nvidia.com/gpu", gpu + "::1"));
      AgentConfig config = config(node, kubelet);
      List<DiscoveredServer> found = new ArrayList<>();
      for (EngineModel model : world.servers()) {
        SimulatedVllmServer served =
            new SimulatedVllmServer(vertx, world, model.serverName(), "127.0.0.1", 0);
        served.start().await();
        servers.add(served);
        found.add(discovered(world, model, served));
      }
      List<DiscoveredServer> inPods;
      try (PodAttribution pods = PodAttribution.open(config.kubernetes(), node.proc(), clock)) {
        inPods = pods.attach(found);
      }
      AgentPlan plan = onAnyPort(AgentPlanner.plan(config, world.gpus(), inPods, note -> {}));
      try (SimulatedGpuSource gpus = new SimulatedGpuSource(world);
          Agent agent =
              Agent.start(plan, AgentRuntime.of(gpus, vertx, clock, Agent.newRegistry()));
          LocalPrometheus prometheus =
              LocalPrometheus.start(
                  prometheusBinary,
                  dir,
                  "127.0.0.1:" + agent.port(),
                  RuleFiles.ruleFiles(),
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(60))) {
        Thread.sleep(24_000);
        PrometheusApi api = prometheus.api();
        double end = clock.nowSeconds();
        Map<String, Double> truthByNamespace = new HashMap<>();
        truthByNamespace.put("team-a", truth(world, "sim-a", end));
        truthByNamespace.put("team-b", truth(world, "sim-b", end));
        assertEquals(0.2625, truthByNamespace.get("team-a"), 1e-3);
        assertEquals(0.7, truthByNamespace.get("team-b"), 2e-3);

        for (String namespace : List.of("team-a", "team-b")) {
          double truth = truthByNamespace.get(namespace);
          String selector = "{namespace=\"" + namespace + "\",kind=\"generated\"}";
          double measured = one(api, "tokenjoule_energy_per_token_joules" + selector);
          double bound = one(api, "tokenjoule_energy_per_token_uncertainty_ratio" + selector);
          double error = measured / truth - 1;
          System.out.printf(
              Locale.ROOT,
              "SharedGpuPodsIT: %s agent %.4f J/token (±%.2f%%), truth %.4f, error %+.3f%%%n",
              namespace,
              measured,
              100 * bound,
              truth,
              100 * error);
          assertTrue(
              Math.abs(error) <= bound,
              namespace + ": error " + error + " outside the published bound " + bound);
          // On a shared GPU the bound includes how far token share would have moved the SM split;
          // between models of different sizes that is wide, though SM is right in this world.
          assertTrue(bound < 0.6, namespace + ": bound " + bound);
          assertTrue(
              one(
                      api,
                      "tokenjoule_server_attributed_energy_joules_total{namespace=\""
                          + namespace
                          + "\",method=\"sm_utilization\"}")
                  > 0,
              namespace + " split by SM utilisation");
        }
        JsonNode info = api.query("tokenjoule_pod_info").json().path("data").path("result");
        assertEquals(2, info.size(), info.toString());
        List<String> pods = new ArrayList<>();
        for (JsonNode series : info) {
          JsonNode labels = series.path("metric");
          pods.add(
              labels.path("namespace").asText()
                  + "/"
                  + labels.path("pod").asText()
                  + "/"
                  + labels.path("container").asText()
                  + " "
                  + labels.path("source").asText());
          assertTrue(labels.path("server").asText().startsWith("vllm-"), labels.toString());
        }
        pods.sort(null);
        assertEquals(
            List.of("team-a/llama-0/vllm simulated", "team-b/qwen-0/vllm simulated"), pods);
        double ruleA =
            one(
                api,
                "namespace:tokenjoule_energy_per_token_joules:ratio_rate5m"
                    + "{namespace=\"team-a\",kind=\"generated\"}");
        double ruleB =
            one(
                api,
                "namespace:tokenjoule_energy_per_token_joules:ratio_rate5m"
                    + "{namespace=\"team-b\",kind=\"generated\"}");
        System.out.printf(
            Locale.ROOT,
            "SharedGpuPodsIT: namespace rule team-a %.4f (%+.2f%%), team-b %.4f (%+.2f%%)%n",
            ruleA,
            100 * (ruleA / truthByNamespace.get("team-a") - 1),
            ruleB,
            100 * (ruleB / truthByNamespace.get("team-b") - 1));
        assertEquals(truthByNamespace.get("team-a"), ruleA, 0.02 * truthByNamespace.get("team-a"));
        assertEquals(truthByNamespace.get("team-b"), ruleB, 0.02 * truthByNamespace.get("team-b"));
      }
    } finally {
      servers.forEach(SimulatedVllmServer::close);
      vertx.close().await();
    }
  }

  private static EngineModel server(String name, String model, double generatedPerSecond) {
    return new EngineModel(
        name, model, List.of(0), generatedPerSecond, 2, 200, 64, 1, LoadSchedule.constant(0.5));
  }

  /** What host discovery finds for a simulated server: its port, its GPU, its one process. */
  private static DiscoveredServer discovered(
      SimulatedWorld world, EngineModel model, SimulatedVllmServer served) {
    GpuIdentity gpu = world.gpus().get(0);
    int pid = (int) world.pid(model.serverName());
    return new DiscoveredServer(
        "vllm-" + served.port(),
        URI.create(served.metricsUrl()),
        "vllm",
        List.of(model.modelName()),
        List.of(new DiscoveredGpu(gpu.index(), gpu.uuid())),
        pid,
        List.of(pid));
  }

  private AgentConfig config(NodeFixture node, FakeKubelet kubelet) throws Exception {
    return new ConfigLoader(EngineProfiles.names())
        .parse(
            "tick: 500ms\n"
                + "window: 20s\n"
                + "state_dir: "
                + dir.resolve("state")
                + "\n"
                + "discovery: {mode: auto}\n"
                + "kubernetes:\n"
                + "  mode: on\n"
                + "  pod_resources_socket: "
                + kubelet.socket()
                + "\n"
                + "  container_logs: "
                + node.containerLogs()
                + "\n",
            "SharedGpuPodsIT",
            List.of());
  }

  private static AgentPlan onAnyPort(AgentPlan plan) {
    assertTrue(plan.podLabels(), "kubernetes.mode on with labels");
    return new AgentPlan(
            "127.0.0.1",
            0,
            plan.tick(),
            plan.window(),
            plan.scrapeLimits(),
            plan.servers(),
            plan.economics(),
            plan.carbon(),
            plan.baseline())
        .withPodLabels(plan.podLabels());
  }

  /** The server's true J per generated token over the 20 s before {@code end}. */
  private static double truth(SimulatedWorld world, String server, double end) {
    GroundTruth truth = world.truthBetween(server, end - 20, end);
    return truth.joulesPerGeneratedToken();
  }

  private static double one(PrometheusApi api, String query) {
    PrometheusApi.Answer answer = api.query(query);
    assertTrue(answer.succeeded(), query + ": " + answer.shortBody(300));
    JsonNode result = answer.json().path("data").path("result");
    assertEquals(1, result.size(), query + ": " + result);
    return result.get(0).path("value").get(1).asDouble();
  }
}
