package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.tokenjoule.agent.HostileServer.Behaviour;
import io.tokenjoule.deploy.JvmOptions;
import io.tokenjoule.scrape.Sample;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent, forked with the production JVM flags of agent/jvm.options, scrapes one legit vLLM page
 * and one {@link HostileServer} beside it, which goes through every misbehaviour in turn. For each
 * one the test polls the agent's /metrics and asserts that the agent stays within its heap, keeps
 * ticking (at least 90% of the seconds), keeps the legit target up and counts its tokens within 2%
 * of the legit server's own counter, answers every poll within a second, and puts no infinite or
 * absurd value on its page. It writes the table of what it measured to target/hostile/table.md.
 *
 * <p>Each behaviour runs {@code -Dhostile.seconds} seconds (default 4, a few minutes in all);
 * agent/hostile-soak.sh runs each for a minute.
 */
class HostileTargetsIT {

  private static final Path JAR = Path.of("target/tokenjoule.jar");
  private static final Path OUT = Path.of("target/hostile");
  private static final String LEGIT = "sim-server-0";
  private static final String HOSTILE = "sim-server-1";
  private static final int SECONDS = Integer.getInteger("hostile.seconds", 4);
  private static final long TOKENS_PER_SCRAPE = 1000;

  private static HttpServer legit;
  private static final AtomicLong served = new AtomicLong();
  private static final AtomicBoolean frozen = new AtomicBoolean(true);
  private static HostileServer hostile;
  private static Process agent;
  private static int agentPort;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(OUT);
    int simPort = twoFreePorts();
    legit = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), simPort), 16);
    legit.createContext(
        "/metrics",
        exchange -> {
          long n = frozen.get() ? served.get() : served.incrementAndGet();
          byte[] page =
              HostileServer.vllmPage(n, "simulated/model-0").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    legit.start();
    hostile = new HostileServer(simPort + 1);
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      agentPort = probe.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(JvmOptions.flags().split(" ")));
    command.addAll(
        List.of(
            "-jar",
            JAR.toString(),
            "demo",
            "--sim.role",
            "agent",
            "--sim.port",
            Integer.toString(simPort),
            "--sim.gpus",
            "2",
            "--sim.servers",
            "2",
            "--web.listen-address",
            "127.0.0.1:" + agentPort,
            "--report-every",
            "0s"));
    agent =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(OUT.resolve("agent.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!ready()) {
      assertTrue(agent.isAlive(), "the agent exited: " + log());
      assertTrue(System.nanoTime() < deadline, "the agent was not ready within 60 s: " + log());
      Thread.sleep(250);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (agent != null) {
      agent.destroy();
      agent.waitFor(10, TimeUnit.SECONDS);
      agent.destroyForcibly();
    }
    if (hostile != null) {
      hostile.close();
    }
    if (legit != null) {
      legit.stop(0);
    }
  }

  /** What one behaviour did to the agent. */
  private record Row(
      Behaviour behaviour,
      double rssMaxMiB,
      double heapMaxMiB,
      double ticksPerSecond,
      double legitDeviation,
      int legitDownPolls,
      double metricsP99Millis,
      double metricsMaxMillis,
      List<String> badValues,
      List<String> hostileBadValues) {}

  @Test
  void noMisbehaviourOfOneTargetBlindsTheAgent() throws Exception {
    settleLegit();
    double tokens = legitTokens(metrics());
    long servedBefore = served.get();
    List<Row> rows = new ArrayList<>();
    for (Behaviour behaviour : behaviours()) {
      hostile.behave(behaviour);
      frozen.set(false);
      Row row = run(behaviour, tokens, servedBefore);
      rows.add(row);
      tokens = legitTokens(metrics());
      servedBefore = served.get();
      Files.writeString(OUT.resolve("table.md"), table(rows));
    }
    String table = table(rows);
    System.out.println(table);
    List<String> problems = new ArrayList<>();
    for (Row row : rows) {
      String name = row.behaviour().name();
      if (row.ticksPerSecond() < 0.9) {
        problems.add(name + ": " + row.ticksPerSecond() + " ticks per second");
      }
      if (row.legitDownPolls() > 0) {
        problems.add(name + ": legit scrape_up 0 in " + row.legitDownPolls() + " polls");
      }
      if (!(row.legitDeviation() <= 0.02)) {
        problems.add(name + ": legit tokens off by " + row.legitDeviation());
      }
      if (!(row.metricsMaxMillis() < 1000)) {
        problems.add(name + ": /metrics took " + row.metricsMaxMillis() + " ms");
      }
      if (!row.badValues().isEmpty()) {
        problems.add(name + ": " + row.badValues());
      }
    }
    assertTrue(agent.isAlive(), "the agent died: " + log());
    String log = Files.readString(OUT.resolve("agent.log"));
    assertTrue(!log.contains("OutOfMemoryError"), "OutOfMemoryError in the agent's log");
    assertTrue(!log.contains("direct memory"), "the agent ran out of direct memory: " + log());
    assertEquals(List.of(), problems, table);
  }

  private Row run(Behaviour behaviour, double tokensBefore, long servedBefore) throws Exception {
    long started = System.nanoTime();
    long end = started + TimeUnit.SECONDS.toNanos(SECONDS);
    MetricsPage first = metrics();
    double ticksBefore = ticks(first);
    double rssMax = 0;
    double heapMax = 0;
    int legitDown = 0;
    List<Double> latencies = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    List<String> hostileBad = new ArrayList<>();
    while (System.nanoTime() < end) {
      long asked = System.nanoTime();
      MetricsPage page = metrics();
      latencies.add((System.nanoTime() - asked) / 1e6);
      rssMax = Math.max(rssMax, rssMiB());
      heapMax = Math.max(heapMax, heapMiB(page));
      if (page.value("tokenjoule_scrape_up", "server", LEGIT).orElse(0) != 1) {
        legitDown++;
      }
      badValues(page, bad, hostileBad);
      assertTrue(agent.isAlive(), "the agent died during " + behaviour + ": " + log());
      Thread.sleep(400);
    }
    // Freeze the legit counter and let two ticks read it: the agent's total must then match.
    frozen.set(true);
    settleLegit();
    MetricsPage last = metrics();
    double servedTokens = TOKENS_PER_SCRAPE * (served.get() - servedBefore);
    double counted = legitTokens(last) - tokensBefore;
    double deviation =
        servedTokens == 0 ? Double.NaN : Math.abs(counted - servedTokens) / servedTokens;
    // Ticks between the first and the last tick seen, over the time between them: no rounding.
    double ticksPerSecond =
        (ticks(last) - ticksBefore) / (lastTickSeconds(last) - lastTickSeconds(first));
    latencies.sort(null);
    double p99 = latencies.get((int) Math.ceil(0.99 * latencies.size()) - 1);
    return new Row(
        behaviour,
        rssMax,
        heapMax,
        ticksPerSecond,
        deviation,
        legitDown,
        p99,
        latencies.get(latencies.size() - 1),
        bad.stream().distinct().limit(5).toList(),
        hostileBad.stream().distinct().limit(5).toList());
  }

  /** Every behaviour, or those {@code -Dhostile.behaviours} names (comma-separated). */
  private static List<Behaviour> behaviours() {
    String named = System.getProperty("hostile.behaviours", "");
    return named.isBlank()
        ? List.of(Behaviour.values())
        : Arrays.stream(named.split(",")).map(String::strip).map(Behaviour::valueOf).toList();
  }

  /** Infinite values anywhere, absurd token counts or J/token of the legit server. */
  private static void badValues(MetricsPage page, List<String> bad, List<String> hostileBad) {
    for (Sample sample : page.samples()) {
      double value = sample.value();
      boolean infinite = Double.isInfinite(value);
      boolean absurd =
          LEGIT.equals(sample.labels().get("server"))
              && ((sample.name().startsWith("tokenjoule_server_tokens") && !(value < 1e12))
                  || (sample.name().equals("tokenjoule_energy_per_token_joules")
                      && !(value > 0 && value < 100)));
      if (infinite || absurd) {
        String what = sample.name() + sample.labels() + " " + value;
        (HOSTILE.equals(sample.labels().get("server")) ? hostileBad : bad).add(what);
      }
    }
  }

  private static void settleLegit() throws InterruptedException {
    Thread.sleep(2500);
  }

  private static double legitTokens(MetricsPage page) {
    return page.samples().stream()
        .filter(
            s ->
                s.name().equals("tokenjoule_server_tokens_total")
                    && LEGIT.equals(s.labels().get("server"))
                    && "generated".equals(s.labels().get("kind")))
        .mapToDouble(Sample::value)
        .sum();
  }

  private static double ticks(MetricsPage page) {
    return page.require("tokenjoule_tick_duration_seconds_count");
  }

  private static double lastTickSeconds(MetricsPage page) {
    return page.require("tokenjoule_tick_last_timestamp_seconds");
  }

  private static double heapMiB(MetricsPage page) {
    return page.samples().stream()
            .filter(
                s ->
                    s.name().equals("jvm_memory_used_bytes")
                        && "heap".equals(s.labels().get("area")))
            .mapToDouble(Sample::value)
            .sum()
        / (1 << 20);
  }

  private static double rssMiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + agent.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  private static MetricsPage metrics() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agentPort + "/metrics"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return MetricsPage.parse(response.body());
  }

  private static boolean ready() {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agentPort + "/readyz"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String log() throws IOException {
    String log = Files.readString(OUT.resolve("agent.log"));
    return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
  }

  private static int twoFreePorts() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = first.getLocalPort();
      }
      if (port < 65535) {
        try (ServerSocket next = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
          return port;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no two consecutive free ports");
  }

  private static String table(List<Row> rows) {
    StringBuilder out =
        new StringBuilder(
            "| behaviour | RSS max MiB | heap max MiB | ticks/s | legit deviation | legit down"
                + " polls | /metrics p99 ms | /metrics max ms | bad values (legit, agent) |"
                + " hostile target's own bad values |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      out.append(
          String.format(
              "| %s | %.0f | %.1f | %.2f | %.2f%% | %d | %.0f | %.0f | %s | %s |%n",
              row.behaviour().description,
              row.rssMaxMiB(),
              row.heapMaxMiB(),
              row.ticksPerSecond(),
              100 * row.legitDeviation(),
              row.legitDownPolls(),
              row.metricsP99Millis(),
              row.metricsMaxMillis(),
              row.badValues().isEmpty() ? "none" : String.join("; ", row.badValues()),
              row.hostileBadValues().isEmpty()
                  ? "none"
                  : String.join("; ", row.hostileBadValues())));
    }
    return out.toString();
  }
}
