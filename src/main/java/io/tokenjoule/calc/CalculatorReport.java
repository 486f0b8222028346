package io.tokenjoule.calc;

import io.tokenjoule.account.economics.GpuHourPrice;
import io.tokenjoule.account.economics.SiteFactors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The calculator's answer for one input, beside the same fleet at twice the tokens per second per
 * watt: a sentence and an aligned table for people, a tree of plain values for JSON. Figures whose
 * inputs were not given are left out of the table and are {@code null} in the JSON tree. Immutable.
 */
public final class CalculatorReport {

  private static final String BASE_HEADING = "base";
  private static final String DOUBLED_HEADING = "2x tokens/s per W";

  private final CalculatorInput input;
  private final QueryLengthOrigin queryLengthOrigin;
  private final TokenFigures base;
  private final TokenFigures doubled;

  public CalculatorReport(CalculatorInput input, QueryLengthOrigin queryLengthOrigin) {
    this.input = Objects.requireNonNull(input, "input");
    this.queryLengthOrigin = Objects.requireNonNull(queryLengthOrigin, "queryLengthOrigin");
    this.base = TokenCalculator.figures(input);
    this.doubled = TokenCalculator.figures(input.withDoubleThroughputPerWatt());
  }

  public TokenFigures base() {
    return base;
  }

  /** The figures at twice the tokens per second, same power. */
  public TokenFigures doubled() {
    return doubled;
  }

  /**
   * The answer in one sentence, for example {@code A token costs 2.24 J, $0.05 per million tokens;
   * a 500-token query uses 0.31 Wh and costs $0.00002, about 3.2k such queries per kWh.}
   */
  public String sentence() {
    boolean priced = input.energyPrice() != null;
    StringBuilder s = new StringBuilder("A token costs ");
    s.append(FigureFormat.quantity(base.energyPerTokenJoules())).append(" J");
    if (priced) {
      s.append(", ").append(money(base.energyCostPerMillionTokens())).append(" per million tokens");
    }
    s.append("; a ").append(FigureFormat.count(input.queryTokens())).append("-token query uses ");
    s.append(FigureFormat.quantity(base.energyPerQueryWattHours())).append(" Wh");
    if (priced) {
      s.append(" and costs ").append(money(base.costPerQuery()));
    }
    s.append(", about ").append(FigureFormat.count(base.queriesPerKilowattHour()));
    return s.append(" such queries per kWh.").toString();
  }

  /** What the figures were computed from, one {@code name value} line each. */
  public List<String> inputLines() {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("power", FigureFormat.quantity(input.powerWatts()) + " W per node"));
    rows.add(
        new Row(
            "throughput", FigureFormat.quantity(input.tokensPerSecond()) + " tokens/s per node"));
    rows.add(new Row("fleet", nodes()));
    rows.add(
        new Row(
            "query",
            FigureFormat.count(input.queryTokens())
                + " tokens ("
                + describe(queryLengthOrigin)
                + ")"));
    if (input.energyPrice() != null) {
      rows.add(
          new Row("energy price", priceOf(input.energyPrice().perKilowattHour()) + " per kWh"));
    }
    if (input.gpuHourPrice() != null) {
      GpuHourPrice gpu = input.gpuHourPrice();
      rows.add(
          new Row(
              "GPU time",
              priceOf(gpu.perGpuHour())
                  + " per GPU-hour, "
                  + gpu.gpusPerNode()
                  + (gpu.gpusPerNode() == 1 ? " GPU" : " GPUs")
                  + " per node"));
    }
    SiteFactors site = input.site();
    rows.add(
        new Row(
            "scope",
            site.scope()
                + (site.pue() > 1
                    ? ": GPU energy x PUE " + FigureFormat.plain(site.pue())
                    : ": GPU energy as measured (PUE 1)")));
    if (input.hasGrid()) {
      rows.add(new Row("grid", FigureFormat.plain(input.gridGramsPerKwh()) + " g CO2 per kWh"));
    }
    if (site.hasWater()) {
      rows.add(
          new Row(
              "water",
              "WUE " + FigureFormat.plain(site.wueLitersPerKwh()) + " L per kWh of GPU energy"));
    }
    return align(rows);
  }

  /** The figures, base and doubled, in aligned columns under a heading line. */
  public List<String> tableLines() {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("", BASE_HEADING, DOUBLED_HEADING));
    addQuantity(rows, "energy per token", TokenFigures::energyPerTokenJoules, " J");
    addMoney(rows, "energy cost per million tokens", TokenFigures::energyCostPerMillionTokens);
    addMoney(rows, "compute cost per million tokens", TokenFigures::computeCostPerMillionTokens);
    String query = FigureFormat.count(input.queryTokens()) + "-token query";
    addQuantity(rows, "energy per " + query, TokenFigures::energyPerQueryWattHours, " Wh");
    addMoney(rows, "energy cost per " + query, TokenFigures::costPerQuery);
    rows.add(
        new Row(
            FigureFormat.count(input.queryTokens()) + "-token queries per kWh",
            FigureFormat.count(base.queriesPerKilowattHour()),
            FigureFormat.count(doubled.queriesPerKilowattHour())));
    addQuantity(rows, "CO2 per million tokens", TokenFigures::carbonPerMillionTokensGrams, " g");
    addQuantity(rows, "water per million tokens", TokenFigures::waterPerMillionTokensLiters, " L");
    addFleet(rows, "per day, " + nodes(), TokenFigures::perDay);
    addFleet(rows, "per year (365 days), " + nodes(), TokenFigures::perYear);
    return align(rows);
  }

  /** Sentence, inputs and table, ready to print. */
  public String human() {
    StringBuilder out = new StringBuilder(sentence()).append("\n\n");
    inputLines().forEach(line -> out.append(line).append('\n'));
    out.append('\n');
    tableLines().forEach(line -> out.append(line).append('\n'));
    return out.toString();
  }

  /**
   * The inputs and both sets of figures as nested maps with stable snake_case keys; numbers at full
   * precision, {@code null} for figures whose inputs were not given.
   */
  public Map<String, Object> json() {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("power_watts", input.powerWatts());
    in.put("throughput_tokens_per_second", input.tokensPerSecond());
    in.put("nodes", input.nodes());
    in.put("query_tokens", input.queryTokens());
    in.put("query_tokens_from", queryLengthOrigin.name().toLowerCase(Locale.ROOT));
    in.put("currency", input.currency().getCurrencyCode());
    in.put(
        "price_per_kwh",
        input.energyPrice() == null ? null : input.energyPrice().perKilowattHour());
    in.put(
        "gpu_hour_price", input.gpuHourPrice() == null ? null : input.gpuHourPrice().perGpuHour());
    in.put(
        "gpus_per_node", input.gpuHourPrice() == null ? null : input.gpuHourPrice().gpusPerNode());
    in.put("pue", input.site().pue());
    in.put("scope", input.site().scope());
    in.put("grid_grams_per_kwh", number(input.gridGramsPerKwh()));
    in.put("wue_liters_per_kwh", number(input.site().wueLitersPerKwh()));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("inputs", in);
    root.put("figures", json(base));
    root.put("figures_at_double_throughput_per_watt", json(doubled));
    return root;
  }

  private static Map<String, Object> json(TokenFigures f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("energy_per_token_joules", number(f.energyPerTokenJoules()));
    m.put("energy_cost_per_million_tokens", number(f.energyCostPerMillionTokens()));
    m.put("compute_cost_per_million_tokens", number(f.computeCostPerMillionTokens()));
    m.put("energy_per_query_watt_hours", number(f.energyPerQueryWattHours()));
    m.put("energy_cost_per_query", number(f.costPerQuery()));
    m.put("queries_per_kilowatt_hour", number(f.queriesPerKilowattHour()));
    m.put("carbon_per_million_tokens_grams", number(f.carbonPerMillionTokensGrams()));
    m.put("water_per_million_tokens_liters", number(f.waterPerMillionTokensLiters()));
    m.put("per_day", json(f.perDay()));
    m.put("per_year", json(f.perYear()));
    return m;
  }

  private static Map<String, Object> json(FleetTotals t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", t.seconds());
    m.put("energy_kilowatt_hours", number(t.energyKilowattHours()));
    m.put("energy_cost", number(t.energyCost()));
    m.put("compute_cost", number(t.computeCost()));
    m.put("carbon_kilograms", number(t.carbonKilograms()));
    m.put("water_liters", number(t.waterLiters()));
    m.put("tokens", number(t.tokens()));
    return m;
  }

  private static Double number(double value) {
    return Double.isNaN(value) ? null : value;
  }

  private void addFleet(
      List<Row> rows, String heading, Function<TokenFigures, FleetTotals> period) {
    rows.add(new Row(heading));
    FleetTotals b = period.apply(base);
    FleetTotals d = period.apply(doubled);
    addQuantity(rows, "  energy", b.energyKilowattHours(), d.energyKilowattHours(), " kWh");
    addMoney(rows, "  energy cost", b.energyCost(), d.energyCost());
    addMoney(rows, "  compute cost", b.computeCost(), d.computeCost());
    addQuantity(rows, "  CO2", b.carbonKilograms(), d.carbonKilograms(), " kg");
    addQuantity(rows, "  water", b.waterLiters(), d.waterLiters(), " L");
    rows.add(new Row("  tokens", FigureFormat.count(b.tokens()), FigureFormat.count(d.tokens())));
  }

  private void addQuantity(
      List<Row> rows, String label, ToDoubleFunction<TokenFigures> figure, String unit) {
    addQuantity(rows, label, figure.applyAsDouble(base), figure.applyAsDouble(doubled), unit);
  }

  private static void addQuantity(
      List<Row> rows, String label, double base, double doubled, String unit) {
    if (!Double.isNaN(base)) {
      rows.add(
          new Row(
              label, FigureFormat.quantity(base) + unit, FigureFormat.quantity(doubled) + unit));
    }
  }

  private void addMoney(List<Row> rows, String label, ToDoubleFunction<TokenFigures> figure) {
    addMoney(rows, label, figure.applyAsDouble(base), figure.applyAsDouble(doubled));
  }

  private void addMoney(List<Row> rows, String label, double base, double doubled) {
    if (!Double.isNaN(base)) {
      rows.add(new Row(label, money(base), money(doubled)));
    }
  }

  private String money(double amount) {
    return FigureFormat.money(amount, input.currency());
  }

  private String priceOf(double amount) {
    return FigureFormat.withCurrency(FigureFormat.plain(amount), input.currency());
  }

  private String nodes() {
    return input.nodes() == 1 ? "1 node" : input.nodes() + " nodes";
  }

  private static String describe(QueryLengthOrigin origin) {
    return switch (origin) {
      case GIVEN -> "given";
      case MEASURED -> "measured: tokens per finished request";
      case DEFAULT -> "default";
    };
  }

  /** One line of a two- or three-column block; cells left-aligned, two spaces apart. */
  private record Row(String... cells) {}

  private static List<String> align(List<Row> rows) {
    int columns = rows.stream().mapToInt(r -> r.cells().length).max().orElse(0);
    int[] widths = new int[columns];
    for (Row row : rows) {
      // A heading alone on its line does not widen the label column.
      if (row.cells().length > 1) {
        for (int i = 0; i < row.cells().length; i++) {
          widths[i] = Math.max(widths[i], row.cells()[i].length());
        }
      }
    }
    List<String> lines = new ArrayList<>();
    for (Row row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.cells().length; i++) {
        line.append(row.cells()[i]);
        if (i < row.cells().length - 1) {
          line.append(" ".repeat(widths[i] - row.cells()[i].length() + 2));
        }
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}
