package io.tokenjoule.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real {@code prometheus} binary, started for a test with its own configuration and storage in
 * a directory of the test's: it scrapes one target as job {@code tokenjoule} and evaluates the
 * given rule files, both every {@code interval}. Its output goes to {@code prometheus.log} in that
 * directory. Closing it stops the process.
 */
public final class LocalPrometheus implements AutoCloseable {

  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final Path log;
  private final PrometheusApi api;

  private LocalPrometheus(Process process, Path log, PrometheusApi api) {
    this.process = process;
    this.log = log;
    this.api = api;
  }

  /**
   * Starts Prometheus and waits until it is ready.
   *
   * @param target host:port of the agent to scrape
   * @throws IllegalStateException with the end of Prometheus's log when it does not become ready
   */
  public static LocalPrometheus start(
      Path binary,
      Path directory,
      String target,
      List<Path> ruleFiles,
      Duration interval,
      Duration startTimeout)
      throws IOException, InterruptedException {
    Path config = directory.resolve("prometheus.yml");
    Files.writeString(config, config(target, ruleFiles, interval));
    IllegalStateException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int port = freePort();
      Path log = directory.resolve("prometheus.log");
      Process process =
          new ProcessBuilder(
                  binary.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + directory.resolve("data"),
                  "--storage.tsdb.retention.time=1h",
                  "--web.listen-address=127.0.0.1:" + port)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      PrometheusApi api =
          new PrometheusApi(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(10));
      LocalPrometheus prometheus = new LocalPrometheus(process, log, api);
      long deadline = System.nanoTime() + startTimeout.toNanos();
      while (process.isAlive() && System.nanoTime() < deadline) {
        if (api.ready()) {
          return prometheus;
        }
        Thread.sleep(200);
      }
      prometheus.close();
      last =
          new IllegalStateException(
              "Prometheus did not become ready on port "
                  + port
                  + " within "
                  + startTimeout
                  + "; its log ends:\n"
                  + prometheus.logTail(20));
      // Another process may have taken the port between our probe and Prometheus's bind: retry.
    }
    throw last;
  }

  public PrometheusApi api() {
    return api;
  }

  /** The last lines Prometheus wrote. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return all.subList(Math.max(0, all.size() - lines), all.size()).stream()
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String config(String target, List<Path> ruleFiles, Duration interval) {
    String seconds = interval.toMillis() + "ms";
    StringBuilder yaml = new StringBuilder();
    yaml.append("global:\n")
        .append("  scrape_interval: ")
        .append(seconds)
        .append("\n  scrape_timeout: ")
        .append(seconds)
        .append("\n  evaluation_interval: ")
        .append(seconds)
        .append("\nrule_files:\n");
    for (Path rules : ruleFiles) {
      yaml.append("  - '").append(rules.toAbsolutePath()).append("'\n");
    }
    yaml.append("scrape_configs:\n")
        .append("  - job_name: tokenjoule\n")
        .append("    static_configs:\n")
        .append("      - targets: ['")
        .append(target)
        .append("']\n");
    return yaml.toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
