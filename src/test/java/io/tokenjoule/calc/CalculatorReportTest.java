package io.tokenjoule.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.account.economics.SiteFactors;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalculatorReportTest {

  private static final CalculatorInput EXAMPLE =
      CalculatorInput.builder(5600, 2500).pricePerKwh(0.08).build();

  private static final CalculatorInput EVERYTHING =
      CalculatorInput.builder(5600, 2500)
          .nodes(10)
          .currency(Currency.getInstance("EUR"))
          .pricePerKwh(0.08)
          .site(new SiteFactors(1.5, 1.8))
          .gridGramsPerKwh(400)
          .gpuHourPrice(2.5, 8)
          .build();

  @Test
  void theConsolesExampleInOneSentence() {
    assertEquals(
        "A token costs 2.24 J, $0.05 per million tokens; a 500-token query uses 0.31 Wh and costs"
            + " $0.00002, about 3.2k such queries per kWh.",
        new CalculatorReport(EXAMPLE, QueryLengthOrigin.DEFAULT).sentence());
  }

  @Test
  void theConsolesExampleAsPrinted() {
    assertEquals(
        """
        A token costs 2.24 J, $0.05 per million tokens; a 500-token query uses 0.31 Wh and costs $0.00002, about 3.2k such queries per kWh.

        power         5,600 W per node
        throughput    2,500 tokens/s per node
        fleet         1 node
        query         500 tokens (default)
        energy price  $0.08 per kWh
        scope         it: GPU energy as measured (PUE 1)

                                         base        2x tokens/s per W
        energy per token                 2.24 J      1.12 J
        energy cost per million tokens   $0.05       $0.02
        energy per 500-token query       0.31 Wh     0.16 Wh
        energy cost per 500-token query  $0.00002    $0.00001
        500-token queries per kWh        3.2k        6.4k
        per day, 1 node
          energy                         134.40 kWh  134.40 kWh
          energy cost                    $10.75      $10.75
          tokens                         216M        432M
        per year (365 days), 1 node
          energy                         49,056 kWh  49,056 kWh
          energy cost                    $3,924.48   $3,924.48
          tokens                         78.8G       158G
        """,
        new CalculatorReport(EXAMPLE, QueryLengthOrigin.DEFAULT).human());
  }

  @Test
  void withoutAPriceTheSentenceAndTableHaveNoMoney() {
    CalculatorReport report =
        new CalculatorReport(
            CalculatorInput.builder(5600, 2500).build(), QueryLengthOrigin.DEFAULT);
    assertEquals(
        "A token costs 2.24 J; a 500-token query uses 0.31 Wh, about 3.2k such queries per kWh.",
        report.sentence());
    assertFalse(report.human().contains("$"), report.human());
    assertFalse(String.join("\n", report.tableLines()).contains("cost"), report.human());
    assertFalse(report.human().contains("CO2"), report.human());
    assertFalse(report.human().contains("water"), report.human());
  }

  @Test
  void everyInputShowsItsFigures() {
    CalculatorReport report = new CalculatorReport(EVERYTHING, QueryLengthOrigin.GIVEN);
    List<String> inputs = report.inputLines();
    assertTrue(inputs.contains("fleet         10 nodes"), inputs.toString());
    assertTrue(inputs.contains("query         500 tokens (given)"), inputs.toString());
    assertTrue(inputs.contains("energy price  €0.08 per kWh"), inputs.toString());
    assertTrue(
        inputs.contains("GPU time      €2.5 per GPU-hour, 8 GPUs per node"), inputs.toString());
    assertTrue(inputs.contains("scope         facility: GPU energy x PUE 1.5"), inputs.toString());
    assertTrue(inputs.contains("grid          400 g CO2 per kWh"), inputs.toString());
    assertTrue(inputs.contains("water         WUE 1.8 L per kWh of GPU energy"), inputs.toString());
    List<String> table = report.tableLines();
    assertTrue(
        table.contains("energy per token                 3.36 J         1.68 J"), table.toString());
    assertTrue(
        table.contains("energy cost per million tokens   €0.07          €0.04"), table.toString());
    assertTrue(
        table.contains("compute cost per million tokens  €2.22          €1.11"), table.toString());
    assertTrue(
        table.contains("CO2 per million tokens           373.33 g       186.67 g"),
        table.toString());
    assertTrue(
        table.contains("water per million tokens         1.12 L         0.56 L"), table.toString());
    assertTrue(table.contains("per day, 10 nodes"), table.toString());
    assertTrue(
        table.contains("  compute cost                   €4,800.00      €4,800.00"),
        table.toString());
    assertTrue(
        table.contains("  CO2                            806.40 kg      806.40 kg"),
        table.toString());
    assertTrue(
        table.contains("  water                          2,419 L        2,419 L"),
        table.toString());
    assertTrue(
        table.contains("  tokens                         2.2G           4.3G"), table.toString());
    assertTrue(
        table.contains("  compute cost                   €1,752,000.00  €1,752,000.00"),
        table.toString());
  }

  @Test
  void aMeasuredQueryLengthSaysSo() {
    CalculatorInput in = CalculatorInput.builder(5600, 2500).queryTokens(625).build();
    CalculatorReport report = new CalculatorReport(in, QueryLengthOrigin.MEASURED);
    assertTrue(
        report
            .inputLines()
            .contains("query       625 tokens (measured: tokens per finished request)"),
        report.inputLines().toString());
    assertTrue(report.sentence().contains("a 625-token query uses 0.39 Wh"), report.sentence());
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonHasStableKeysFullPrecisionAndNullsForMissingInputs() {
    Map<String, Object> json = new CalculatorReport(EXAMPLE, QueryLengthOrigin.DEFAULT).json();
    assertEquals(
        List.of("inputs", "figures", "figures_at_double_throughput_per_watt"),
        List.copyOf(json.keySet()));
    Map<String, Object> inputs = (Map<String, Object>) json.get("inputs");
    assertEquals(
        List.of(
            "power_watts",
            "throughput_tokens_per_second",
            "nodes",
            "query_tokens",
            "query_tokens_from",
            "currency",
            "price_per_kwh",
            "gpu_hour_price",
            "gpus_per_node",
            "pue",
            "scope",
            "grid_grams_per_kwh",
            "wue_liters_per_kwh"),
        List.copyOf(inputs.keySet()));
    assertEquals("default", inputs.get("query_tokens_from"));
    assertEquals("USD", inputs.get("currency"));
    assertEquals(0.08, inputs.get("price_per_kwh"));
    assertEquals("it", inputs.get("scope"));
    assertNull(inputs.get("grid_grams_per_kwh"));
    Map<String, Object> figures = (Map<String, Object>) json.get("figures");
    assertEquals(
        List.of(
            "energy_per_token_joules",
            "energy_cost_per_million_tokens",
            "compute_cost_per_million_tokens",
            "energy_per_query_watt_hours",
            "energy_cost_per_query",
            "queries_per_kilowatt_hour",
            "carbon_per_million_tokens_grams",
            "water_per_million_tokens_liters",
            "per_day",
            "per_year"),
        List.copyOf(figures.keySet()));
    assertEquals(5600.0 / 2500, figures.get("energy_per_token_joules"));
    assertEquals(
        2.24e6 / 3.6e6 * 0.08, (Double) figures.get("energy_cost_per_million_tokens"), 1e-15);
    assertNull(figures.get("compute_cost_per_million_tokens"));
    assertNull(figures.get("carbon_per_million_tokens_grams"));
    assertNull(figures.get("water_per_million_tokens_liters"));
    Map<String, Object> day = (Map<String, Object>) figures.get("per_day");
    assertEquals(
        List.of(
            "seconds",
            "energy_kilowatt_hours",
            "energy_cost",
            "compute_cost",
            "carbon_kilograms",
            "water_liters",
            "tokens"),
        List.copyOf(day.keySet()));
    assertEquals(86_400.0, day.get("seconds"));
    assertEquals(134.4, (Double) day.get("energy_kilowatt_hours"), 1e-12);
    Map<String, Object> doubled =
        (Map<String, Object>) json.get("figures_at_double_throughput_per_watt");
    assertEquals(1.12, (Double) doubled.get("energy_per_token_joules"), 1e-15);
  }
}
