package io.tokenjoule.dashboards;

import io.tokenjoule.rules.RuleFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a dashboard or rule may query: the metric contract, the agent's exported names
 * ({@code agent-metric-names.txt}), the names recording rules write, and Prometheus's own {@code
 * up} and {@code ALERTS}.
 */
final class MetricCatalogue {

  /** The design document beside the checkout, as CI lays it out. */
  static final Path DESIGN = Path.of("..", "shared", "DESIGN.md");

  static final Set<String> PROMETHEUS_BUILT_INS = Set.of("up", "ALERTS", "ALERTS_FOR_STATE");

  private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
  private static final Pattern METRIC = Pattern.compile("_?[a-zA-Z_:][a-zA-Z0-9_:]*");

  private MetricCatalogue() {}

  /** The contract's names, or empty when the design document is not beside the checkout. */
  static Optional<Set<String>> contract() {
    if (!Files.isRegularFile(DESIGN)) {
      return Optional.empty();
    }
    try {
      return Optional.of(contractNames(Files.readString(DESIGN)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The metric names of the table under the "Metric contract" heading: every code span of each
   * row's first cell, without its label list ({@code {kind="..."}}). A span starting with {@code _}
   * abbreviates a name sharing the row's first name's first two words, so {@code
   * `tokenjoule_gpu_power_limit_watts`, `_temperature_celsius`} is two names, {@code
   * tokenjoule_gpu_power_limit_watts} and {@code tokenjoule_gpu_temperature_celsius}.
   */
  static Set<String> contractNames(String markdown) {
    Set<String> names = new TreeSet<>();
    boolean inSection = false;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("## ")) {
        inSection = line.toLowerCase().startsWith("## metric contract");
        continue;
      }
      if (!inSection || !line.startsWith("|")) {
        continue;
      }
      String firstCell = firstCell(line);
      String prefix = null;
      Matcher span = CODE_SPAN.matcher(firstCell);
      while (span.find()) {
        Matcher name = METRIC.matcher(span.group(1));
        if (!name.lookingAt()) {
          continue;
        }
        String metric = name.group();
        if (metric.startsWith("_")) {
          if (prefix != null) {
            names.add(prefix + metric);
          }
        } else {
          names.add(metric);
          if (prefix == null) {
            prefix = firstTwoWords(metric);
          }
        }
      }
    }
    return names;
  }

  /** The names the agent exports, from the test resource. */
  static Set<String> agentNames() {
    try (InputStream in = MetricCatalogue.class.getResourceAsStream("agent-metric-names.txt")) {
      if (in == null) {
        throw new IllegalStateException("agent-metric-names.txt is not on the test classpath");
      }
      Set<String> names = new TreeSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#")) {
          names.add(name);
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything a query may select: contract (when present), agent, recording rules, built-ins. */
  static Set<String> known() {
    Set<String> known = new TreeSet<>(agentNames());
    contract().ifPresent(known::addAll);
    known.addAll(RuleFiles.recordedNames());
    known.addAll(PROMETHEUS_BUILT_INS);
    return known;
  }

  private static String firstCell(String row) {
    int end = row.indexOf('|', 1);
    // Escaped pipes (\|) inside a label list do not end the cell.
    while (end > 0 && row.charAt(end - 1) == '\\') {
      end = row.indexOf('|', end + 1);
    }
    return end < 0 ? row.substring(1) : row.substring(1, end);
  }

  private static String firstTwoWords(String metric) {
    int first = metric.indexOf('_');
    int second = first < 0 ? -1 : metric.indexOf('_', first + 1);
    return second < 0 ? metric : metric.substring(0, second);
  }
}
