package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tokenjoule calc} from flags: the console's example, every option, every bad input. */
class CalcCommandTest {

  private static final String[] EXAMPLE = {
    "calc", "--power", "5600", "--throughput", "2500", "--price", "0.08"
  };

  private static String line(CommandRun run, String start) {
    return run.out()
        .lines()
        .filter(l -> l.startsWith(start))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starting '" + start + "' in\n" + run.out()));
  }

  private static JsonNode json(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--json");
    CommandRun run = CommandRun.of(all.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    return new ObjectMapper().readTree(run.out());
  }

  @Test
  void reproducesTheConsolesExample() {
    CommandRun run = CommandRun.of(EXAMPLE);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        "A token costs 2.24 J, $0.05 per million tokens; a 500-token query uses 0.31 Wh and costs"
            + " $0.00002, about 3.2k such queries per kWh.",
        run.out().lines().findFirst().orElseThrow());
    assertEquals(
        "energy per token                 2.24 J      1.12 J", line(run, "energy per token"));
    assertEquals(
        "energy cost per million tokens   $0.05       $0.02",
        line(run, "energy cost per million tokens"));
    assertEquals(
        "energy per 500-token query       0.31 Wh     0.16 Wh",
        line(run, "energy per 500-token query"));
    assertEquals(
        "energy cost per 500-token query  $0.00002    $0.00001",
        line(run, "energy cost per 500-token query"));
    assertEquals(
        "500-token queries per kWh        3.2k        6.4k",
        line(run, "500-token queries per kWh"));
    assertEquals("", run.err());
  }

  @Test
  void hasHelpVersionAndIsListed() {
    CommandRun help = CommandRun.of("calc", "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().startsWith("Usage: tokenjoule calc"), help.out());
    assertTrue(CommandRun.of("calc", "--version").out().startsWith("tokenjoule "));
    assertTrue(CommandRun.of("--help").out().contains("calc"));
    assertTrue(
        CommandRun.of()
            .err()
            .contains("use agent, demo, probe, discover, calc, baseline, bench or proxy"));
  }

  @Test
  void missingInputsLeaveTheirLinesOut() {
    CommandRun run = CommandRun.of("calc", "--power", "5600", "--throughput", "2500");
    assertEquals(0, run.exitCode(), run.err());
    assertFalse(run.out().contains("CO2"), run.out());
    assertFalse(run.out().contains("water"), run.out());
    assertFalse(run.out().contains("$"), run.out());
    assertFalse(run.out().contains("compute cost"), run.out());
  }

  @Test
  void pueGridWueFleetAndGpuHourPrice() {
    CommandRun run =
        CommandRun.of(
            "calc",
            "--power",
            "5600",
            "--throughput",
            "2500",
            "--price",
            "0.08",
            "--currency",
            "eur",
            "--pue",
            "1.5",
            "--grid",
            "400",
            "--wue",
            "1.8",
            "--fleet",
            "10",
            "--gpu-hour-price",
            "2.5",
            "--gpus",
            "8",
            "--query-tokens",
            "1000");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        "A token costs 3.36 J, €0.07 per million tokens; a 1k-token query uses 0.93 Wh and costs"
            + " €0.00007, about 1.1k such queries per kWh.",
        run.out().lines().findFirst().orElseThrow());
    assertEquals("scope         facility: GPU energy x PUE 1.5", line(run, "scope"));
    assertEquals("query         1k tokens (given)", line(run, "query"));
    assertEquals(
        "compute cost per million tokens  €2.22          €1.11",
        line(run, "compute cost per million tokens"));
    assertEquals(
        "CO2 per million tokens           373.33 g       186.67 g",
        line(run, "CO2 per million tokens"));
    assertEquals(
        "water per million tokens         1.12 L         0.56 L",
        line(run, "water per million tokens"));
    assertEquals(
        "  energy                         2,016 kWh      2,016 kWh", line(run, "  energy  "));
  }

  @Test
  void jsonHasFullPrecisionAndNullsForMissingInputs() throws Exception {
    JsonNode json = json(EXAMPLE);
    assertTrue(json.get("prometheus").isNull());
    JsonNode inputs = json.get("inputs");
    assertEquals(5600, inputs.get("power_watts").asDouble());
    assertEquals(2500, inputs.get("throughput_tokens_per_second").asDouble());
    assertEquals("USD", inputs.get("currency").asText());
    assertEquals(500, inputs.get("query_tokens").asDouble());
    assertEquals("default", inputs.get("query_tokens_from").asText());
    assertTrue(inputs.get("grid_grams_per_kwh").isNull());
    JsonNode figures = json.get("figures");
    assertEquals(2.24, figures.get("energy_per_token_joules").asDouble(), 1e-15);
    assertEquals(
        0.049777777777777778, figures.get("energy_cost_per_million_tokens").asDouble(), 1e-15);
    assertEquals(2.4888888888888889e-5, figures.get("energy_cost_per_query").asDouble(), 1e-18);
    assertEquals(3214.2857142857143, figures.get("queries_per_kilowatt_hour").asDouble(), 1e-9);
    assertTrue(figures.get("carbon_per_million_tokens_grams").isNull());
    assertTrue(figures.get("water_per_million_tokens_liters").isNull());
    assertTrue(figures.get("compute_cost_per_million_tokens").isNull());
    assertEquals(134.4, figures.get("per_day").get("energy_kilowatt_hours").asDouble(), 1e-12);
    assertTrue(figures.get("per_day").get("carbon_kilograms").isNull());
    JsonNode doubled = json.get("figures_at_double_throughput_per_watt");
    assertEquals(1.12, doubled.get("energy_per_token_joules").asDouble(), 1e-15);
    assertEquals(4.32e8, doubled.get("per_day").get("tokens").asDouble(), 1e-3);
  }

  @Test
  void jsonOfEveryOption() throws Exception {
    JsonNode json =
        json(
            "calc",
            "--power",
            "5600",
            "--throughput",
            "2500",
            "--price",
            "0.08",
            "--pue",
            "1.5",
            "--grid",
            "400",
            "--wue",
            "1.8",
            "--fleet",
            "10",
            "--gpu-hour-price",
            "2.5",
            "--gpus",
            "8");
    JsonNode inputs = json.get("inputs");
    assertEquals("facility", inputs.get("scope").asText());
    assertEquals(8, inputs.get("gpus_per_node").asInt());
    assertEquals(2.5, inputs.get("gpu_hour_price").asDouble());
    JsonNode figures = json.get("figures");
    assertEquals(3.36, figures.get("energy_per_token_joules").asDouble(), 1e-14);
    assertEquals(
        373.33333333333333, figures.get("carbon_per_million_tokens_grams").asDouble(), 1e-12);
    assertEquals(1.12, figures.get("water_per_million_tokens_liters").asDouble(), 1e-14);
    assertEquals(
        2.2222222222222222, figures.get("compute_cost_per_million_tokens").asDouble(), 1e-14);
    JsonNode day = figures.get("per_day");
    assertEquals(2016, day.get("energy_kilowatt_hours").asDouble(), 1e-9);
    assertEquals(161.28, day.get("energy_cost").asDouble(), 1e-9);
    assertEquals(4800, day.get("compute_cost").asDouble(), 1e-9);
    assertEquals(806.4, day.get("carbon_kilograms").asDouble(), 1e-9);
    assertEquals(2419.2, day.get("water_liters").asDouble(), 1e-9);
    assertEquals(2.16e9, day.get("tokens").asDouble(), 1e-3);
  }

  private static void assertUsageError(String expectedFirstLine, String... args) {
    List<String> all = new ArrayList<>(List.of("calc"));
    all.addAll(List.of(args));
    CommandRun run = CommandRun.of(all.toArray(String[]::new));
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertEquals(expectedFirstLine, run.err().lines().findFirst().orElse(""), run.err());
    assertEquals("", run.out());
  }

  @Test
  void badNumbersNameTheirFlag() {
    assertUsageError(
        "--power must be a finite number > 0, got -5", "--power", "-5", "--throughput", "2500");
    assertUsageError(
        "--power must be a finite number > 0, got NaN", "--power", "NaN", "--throughput", "2500");
    assertUsageError(
        "--throughput must be a finite number > 0, got 0", "--power", "5600", "--throughput", "0");
    assertUsageError(
        "--throughput must be a finite number > 0, got Infinity",
        "--power",
        "5600",
        "--throughput",
        "Infinity");
    assertUsageError(
        "Invalid value for option '--throughput': 'fast' is not a double",
        "--power",
        "5600",
        "--throughput",
        "fast");
    assertUsageError(
        "--price must be a finite number >= 0, got -0.08",
        "--power",
        "5600",
        "--throughput",
        "2500",
        "--price",
        "-0.08");
    assertUsageError(
        "--pue must be a finite number >= 1, got 0.9",
        "--power",
        "5600",
        "--throughput",
        "2500",
        "--pue",
        "0.9");
    assertUsageError(
        "--grid must be a finite number >= 0, got NaN",
        "--power",
        "5600",
        "--throughput",
        "2500",
        "--grid",
        "NaN");
    assertUsageError(
        "--wue must be a finite number >= 0, got -1",
        "--power",
        "5600",
        "--throughput",
        "2500",
        "--wue",
        "-1");
    assertUsageError(
        "--gpu-hour-price must be a finite number >= 0, got -2",
        "--power",
        "5600",
        "--throughput",
        "2500",
        "--gpu-hour-price",
        "-2");
    assertUsageError(
        "--query-tokens must be >= 1, got 0",
        "--power",
        "5600",
        "--throughput",
        "2500",
        "--query-tokens",
        "0");
    assertUsageError(
        "--fleet must be >= 1 node, got 0",
        "--power",
        "5600",
        "--throughput",
        "2500",
        "--fleet",
        "0");
    assertUsageError(
        "--gpus must be >= 1, got 0", "--power", "5600", "--throughput", "2500", "--gpus", "0");
  }

  @Test
  void anUnknownCurrencyIsAUsageError() {
    assertUsageError(
        "--currency: XYZ is not an ISO 4217 currency code",
        "--power",
        "5600",
        "--throughput",
        "2500",
        "--currency",
        "XYZ");
    assertUsageError(
        "--currency: currency must be a three-letter ISO 4217 code such as USD or EUR, got $",
        "--power",
        "5600",
        "--throughput",
        "2500",
        "--currency",
        "$");
  }

  @Test
  void modesAreNotMixed() {
    assertUsageError(
        "give --power and --throughput, or measure them with --from-prometheus URL --server NAME",
        "--power",
        "5600");
    assertUsageError(
        "--server needs --from-prometheus",
        "--power",
        "5600",
        "--throughput",
        "2500",
        "--server",
        "llama");
    assertUsageError(
        "--at needs --from-prometheus", "--power", "5600", "--throughput", "2500", "--at", "0");
    assertUsageError(
        "--power and --throughput are measured with --from-prometheus; give neither",
        "--from-prometheus",
        "http://127.0.0.1:9090",
        "--server",
        "llama",
        "--power",
        "5600");
    assertUsageError(
        "--from-prometheus needs --server NAME, the agent's server label",
        "--from-prometheus",
        "http://127.0.0.1:9090");
  }

  @Test
  void badPrometheusOptionsAreUsageErrors() {
    String[] base = {"--from-prometheus", "http://127.0.0.1:9090", "--server", "llama"};
    assertUsageError(
        "--from-prometheus: 'localhost:9090' is not a valid URL: expected http:// or https://",
        "--from-prometheus",
        "localhost:9090",
        "--server",
        "llama");
    assertUsageError(
        "--at: expected RFC 3339 such as 2024-05-01T12:00:00Z or unix seconds, got 'yesterday'",
        concat(base, "--at", "yesterday"));
    assertUsageError(
        "--range: expected a duration such as 1s or 500ms, got '1 hour'",
        concat(base, "--range", "1 hour"));
    assertUsageError(
        "--at: expected RFC 3339 such as 2024-05-01T12:00:00Z or unix seconds, got"
            + " '99999999999999999'",
        concat(base, "--at", "99999999999999999"));
    assertUsageError("--range must be more than 0s", concat(base, "--range", "0"));
    assertUsageError(
        "--kind: expected all or generated, got 'prompt'", concat(base, "--kind", "prompt"));
    assertUsageError(
        "--timeout: expected a duration such as 1s or 500ms, got '10' (a unit is required)",
        concat(base, "--timeout", "10"));
  }

  private static String[] concat(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
