package io.tokenjoule.cli;

import io.tokenjoule.calc.MeasuredUsage;
import io.tokenjoule.calc.PrometheusClient;
import io.tokenjoule.calc.PrometheusException;
import io.tokenjoule.calc.ServerUsageReader;
import io.tokenjoule.calc.TokenKind;
import java.math.BigDecimal;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code calc}'s measured input: {@code --from-prometheus URL --server NAME} and the options that
 * only go with them, read into the server's usage over the range.
 */
final class PrometheusOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--from-prometheus",
      paramLabel = "URL",
      description = "Measure power and throughput from the agent's counters in this Prometheus.")
  String prometheusUrl;

  @Option(
      names = "--server",
      paramLabel = "NAME",
      description = "With --from-prometheus: the server label.")
  String server;

  @Option(
      names = "--range",
      paramLabel = "DURATION",
      description = "With --from-prometheus: the range measured (default: 1h).")
  String range;

  @Option(
      names = "--at",
      paramLabel = "RFC3339|UNIX",
      description = "With --from-prometheus: the end of the range (default: now).")
  String at;

  @Option(
      names = "--kind",
      paramLabel = "all|generated",
      description = "With --from-prometheus: tokens counted (default: all, prompt and generated).")
  String kind;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "With --from-prometheus: per query (default: 10s).")
  String timeout;

  /** Whether the figures are to be measured rather than given. */
  boolean measured() {
    return prometheusUrl != null;
  }

  /** Refuses the options that need {@code --from-prometheus} when it is not given. */
  void requireNone() {
    for (String[] option :
        new String[][] {
          {"--server", server},
          {"--range", range},
          {"--at", at},
          {"--kind", kind},
          {"--timeout", timeout}
        }) {
      if (option[1] != null) {
        throw usage(option[0] + " needs --from-prometheus");
      }
    }
  }

  /**
   * The server's usage over the range, read from Prometheus.
   *
   * @throws PrometheusException when Prometheus cannot be reached, answers an error, or has no data
   */
  MeasuredUsage read() throws PrometheusException, InterruptedException {
    if (server == null || server.isBlank()) {
      throw usage("--from-prometheus needs --server NAME, the agent's server label");
    }
    URI url = HttpUrlArgument.parse(spec, "--from-prometheus", prometheusUrl);
    PrometheusClient client = new PrometheusClient(url, positive("--timeout", timeout, "10s"));
    return new MeasuredUsage(
        prometheusUrl,
        new ServerUsageReader(client)
            .read(server, positive("--range", range, "1h"), end(), tokenKind()));
  }

  private TokenKind tokenKind() {
    try {
      return kind == null ? TokenKind.ALL : TokenKind.parse(kind);
    } catch (IllegalArgumentException e) {
      throw usage("--kind: " + e.getMessage());
    }
  }

  private Duration positive(String option, String text, String fallback) {
    Duration parsed = CliArguments.duration(spec, option, text == null ? fallback : text);
    if (parsed.isZero()) {
      throw usage(option + " must be more than 0s");
    }
    return parsed;
  }

  /** {@code --at} as RFC 3339 ({@code 2024-05-01T12:00:00Z}) or unix seconds; now by default. */
  private Instant end() {
    if (at == null) {
      return Instant.now();
    }
    try {
      if (at.matches("\\d+(\\.\\d+)?")) {
        BigDecimal seconds = new BigDecimal(at);
        return Instant.ofEpochSecond(
            seconds.toBigInteger().longValueExact(),
            seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
      }
      return OffsetDateTime.parse(at).toInstant();
    } catch (DateTimeException | ArithmeticException e) {
      throw usage(
          "--at: expected RFC 3339 such as 2024-05-01T12:00:00Z or unix seconds, got '" + at + "'");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
