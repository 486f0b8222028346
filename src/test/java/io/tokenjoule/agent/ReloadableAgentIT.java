package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.MonotonicClock;
import io.tokenjoule.account.baseline.BaselineSettings;
import io.tokenjoule.config.WebConfigLoader;
import io.tokenjoule.demo.DemoSettings;
import io.tokenjoule.export.TestCertificates;
import io.tokenjoule.scrape.ScrapeLimits;
import io.tokenjoule.simulate.DemoScenario;
import io.tokenjoule.simulate.EngineModel;
import io.tokenjoule.simulate.SimulatedGpuSource;
import io.tokenjoule.simulate.SimulatedVllmServer;
import io.tokenjoule.simulate.SimulatedWorld;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading the agent's plan while it runs, on the simulated demo node. */
class ReloadableAgentIT {

  private final Vertx vertx = Vertx.vertx();
  private final SimulatedWorld world = DemoScenario.world(MonotonicClock.SYSTEM);
  private final SimulatedGpuSource gpus = new SimulatedGpuSource(world);
  private final List<SimulatedVllmServer> servers = new ArrayList<>();
  private final List<PlannedServer> planned = new ArrayList<>();
  private final PrometheusMeterRegistry registry = Agent.newRegistry();
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicInteger reloadRequests = new AtomicInteger();
  private ReloadableAgent agent;

  ReloadableAgentIT() {
    for (EngineModel model : world.servers()) {
      SimulatedVllmServer server =
          new SimulatedVllmServer(vertx, world, model.serverName(), "127.0.0.1", 0);
      server.start().await();
      servers.add(server);
      planned.add(DemoSettings.plannedServer(world, model, server));
    }
  }

  private AgentPlan plan(List<PlannedServer> servers) {
    return new AgentPlan(
        "127.0.0.1",
        0,
        Duration.ofMillis(250),
        Duration.ofSeconds(5),
        new ScrapeLimits(0.2, 1 << 20, 10_000),
        servers,
        Optional.empty(),
        Optional.empty(),
        new BaselinePlan(BaselineSettings.DEFAULTS, Optional.empty()));
  }

  private AgentRuntime runtime() {
    return new AgentRuntime(
        gpus,
        Optional.empty(),
        vertx,
        MonotonicClock.SYSTEM,
        Clock.systemUTC(),
        registry,
        reloadRequests::incrementAndGet);
  }

  private String metrics() throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + agent.current().port() + "/metrics");
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private String awaitSeries(String fragment) throws Exception {
    String page = "";
    for (int i = 0; i < 40 && !page.contains(fragment); i++) {
      Thread.sleep(100);
      page = metrics();
    }
    return page;
  }

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
    servers.forEach(SimulatedVllmServer::close);
    gpus.close();
    vertx.close().await();
  }

  @Test
  void aValidReloadReplacesThePlanAndABadOneKeepsIt() throws Exception {
    String small = "server=\"" + DemoScenario.SMALL_SERVER + "\"";
    String large = "server=\"" + DemoScenario.LARGE_SERVER + "\"";
    AtomicReference<AgentPlan> next = new AtomicReference<>(plan(planned.subList(0, 1)));
    agent =
        ReloadableAgent.start(
            next.get(),
            runtime(),
            () -> {
              AgentPlan plan = next.get();
              if (plan == null) {
                throw new IllegalArgumentException("tokenjoule.yaml:3:7: window: bad");
              }
              return plan;
            });
    String page = awaitSeries("tokenjoule_server_energy_joules_total{");
    assertTrue(page.contains(small), page);
    assertFalse(page.contains(large), page);

    next.set(plan(planned.subList(1, 2)));
    assertTrue(agent.reload());
    page = awaitSeries("tokenjoule_server_energy_joules_total{");
    assertTrue(page.contains(large), page);
    assertFalse(page.contains(small), "the old plan's series are gone:\n" + page);
    assertTrue(page.contains("tokenjoule_config_last_reload_successful 1.0"), page);
    assertEquals(1, page.lines().filter(l -> l.startsWith("tokenjoule_build_info{")).count(), page);

    HttpResponse<String> posted =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + agent.current().port() + "/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(202, posted.statusCode(), posted.body());
    assertEquals(1, reloadRequests.get(), "POST /-/reload asks for a reload");

    next.set(null);
    int port = agent.current().port();
    assertFalse(agent.reload());
    // The page is rendered once per tick: the failed reload shows from the next one.
    page = awaitSeries("tokenjoule_config_last_reload_successful 0.0");
    assertEquals(port, agent.current().port(), "the running agent was left alone");
    assertTrue(page.contains("tokenjoule_config_last_reload_successful 0.0"), page);
    assertTrue(page.contains(large), page);
  }

  @Test
  void aReloadReadsTheWebConfigAgainAndABrokenOneKeepsTheRunningOne(@TempDir Path dir)
      throws Exception {
    TestCertificates first = TestCertificates.generate(dir, "first");
    TestCertificates second = TestCertificates.generate(dir, "second");
    Path cert = dir.resolve("tls.crt");
    Path key = dir.resolve("tls.key");
    Files.copy(first.certPem, cert);
    Files.copy(first.keyPem, key);
    Path webConfigFile = dir.resolve("web-config.yml");
    String alice = bcrypt("alice-pw");
    String bob = bcrypt("bob-pw");
    Files.writeString(webConfigFile, webConfig("alice: " + alice));
    WebConfigLoader loader = new WebConfigLoader();
    agent =
        ReloadableAgent.start(
            plan(planned.subList(0, 1)).withWeb(loader.load(webConfigFile)),
            runtime(),
            () -> plan(planned.subList(0, 1)).withWeb(loader.load(webConfigFile)));
    HttpClient trustsFirst = https(first);
    HttpClient trustsSecond = https(second);
    assertEquals(200, status(trustsFirst, "alice", "alice-pw"));
    assertEquals(401, status(trustsFirst, "bob", "bob-pw"));

    // Rotate the certificate in place and add a user.
    Files.copy(second.certPem, cert, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(second.keyPem, key, StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(webConfigFile, webConfig("alice: " + alice + "\n  bob: " + bob));
    assertTrue(agent.reload());
    assertThrows(IOException.class, () -> status(trustsFirst, "alice", "alice-pw"));
    assertEquals(200, status(trustsSecond, "bob", "bob-pw"));
    assertEquals(200, status(trustsSecond, "alice", "alice-pw"));

    // A web config that does not parse keeps the running one.
    Files.writeString(webConfigFile, "basic_auth_users: [\n");
    assertFalse(agent.reload());
    assertEquals(200, status(trustsSecond, "bob", "bob-pw"));
    String page = scrape(trustsSecond);
    for (int i = 0; i < 40 && !page.contains("reload_successful 0.0"); i++) {
      Thread.sleep(100); // the page is rendered once per tick
      page = scrape(trustsSecond);
    }
    assertTrue(
        page.contains("tokenjoule_config_last_reload_successful 0.0"),
        "a bad web config is a failed reload");

    // So does a certificate rotated without its key.
    Files.writeString(webConfigFile, webConfig("carol: " + bcrypt("carol-pw")));
    Files.copy(first.certPem, cert, StandardCopyOption.REPLACE_EXISTING);
    assertFalse(agent.reload());
    assertEquals(200, status(trustsSecond, "bob", "bob-pw"));
    assertEquals(401, status(trustsSecond, "carol", "carol-pw"));
    Files.copy(second.certPem, cert, StandardCopyOption.REPLACE_EXISTING);

    // And a key that looks like PEM but is none.
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    assertFalse(agent.reload());
    assertEquals(200, status(trustsSecond, "bob", "bob-pw"));
    assertEquals(401, status(trustsSecond, "carol", "carol-pw"));
  }

  private static String webConfig(String users) {
    return "tls_server_config:\n"
        + "  cert_file: tls.crt\n"
        + "  key_file: tls.key\n"
        + "basic_auth_users:\n"
        + "  "
        + users
        + "\n";
  }

  private static String bcrypt(String password) {
    return new String(
        BCrypt.withDefaults().hash(4, password.toCharArray()), StandardCharsets.UTF_8);
  }

  private static HttpClient https(TestCertificates trusted) throws Exception {
    return HttpClient.newBuilder()
        .sslContext(TestCertificates.clientContext(trusted, null))
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private int status(HttpClient client, String user, String password) throws Exception {
    String credentials =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + agent.current().port() + "/metrics"))
            .header("Authorization", "Basic " + credentials)
            .timeout(Duration.ofSeconds(10))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private String scrape(HttpClient client) throws Exception {
    String credentials =
        Base64.getEncoder().encodeToString("bob:bob-pw".getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + agent.current().port() + "/metrics"))
            .header("Authorization", "Basic " + credentials)
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }
}
