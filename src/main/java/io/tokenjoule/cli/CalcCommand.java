package io.tokenjoule.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenjoule.account.economics.Money;
import io.tokenjoule.account.economics.SiteFactors;
import io.tokenjoule.calc.CalculatorInput;
import io.tokenjoule.calc.CalculatorReport;
import io.tokenjoule.calc.FigureFormat;
import io.tokenjoule.calc.MeasuredUsage;
import io.tokenjoule.calc.PrometheusException;
import io.tokenjoule.calc.QueryLengthOrigin;
import io.tokenjoule.calc.ServerUsage;
import java.io.PrintWriter;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tokenjoule calc}: what a token, a query and a fleet cost in energy, money, carbon and
 * water, from power and throughput given on the command line or measured by the agent and read back
 * from Prometheus; beside each figure, the same at twice the tokens per second per watt.
 */
@Command(
    name = "calc",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Computes energy, cost, carbon and water per token, per query and per fleet, from --power"
          + " and --throughput, or measured: --from-prometheus URL --server NAME. Each figure is"
          + " shown beside the same at twice the tokens/s per watt. Cost and carbon use facility"
          + " energy (IT x PUE); water uses IT energy x WUE.",
      "Exit codes: 0 done, 1 Prometheus cannot answer or has no data, 2 invalid input."
    })
final class CalcCommand implements Callable<Integer> {

  static final int EXIT_NO_DATA = 1;

  @Spec CommandSpec spec;

  @Option(names = "--power", paramLabel = "W", description = "IT (GPU) power of one node, watts.")
  Double power;

  @Option(
      names = "--throughput",
      paramLabel = "TOKENS_PER_S",
      description = "Tokens one node serves per second.")
  Double throughput;

  @Option(
      names = "--price",
      paramLabel = "PER_KWH",
      description = "Price of a kWh of facility energy, in --currency.")
  Double price;

  @Option(
      names = "--currency",
      paramLabel = "CODE",
      defaultValue = "USD",
      description = "ISO 4217 code of every price (default: ${DEFAULT-VALUE}).")
  String currency;

  @Option(
      names = "--pue",
      paramLabel = "PUE",
      defaultValue = "1",
      description = "Power usage effectiveness, >= 1 (default: ${DEFAULT-VALUE}).")
  double pue;

  @Option(
      names = "--grid",
      paramLabel = "G_PER_KWH",
      description = "Grid carbon intensity, g CO2 per kWh.")
  Double grid;

  @Option(
      names = "--wue",
      paramLabel = "L_PER_KWH",
      description = "Water usage effectiveness, litres per kWh of IT energy.")
  Double wue;

  @Option(
      names = "--query-tokens",
      paramLabel = "N",
      description =
          "Tokens in a query (default: 500; from Prometheus, measured tokens per request).")
  Long queryTokens;

  @Option(
      names = "--fleet",
      paramLabel = "NODES",
      defaultValue = "1",
      description = "Nodes; power and throughput are per node (default: ${DEFAULT-VALUE}).")
  int fleet;

  @Option(
      names = "--gpu-hour-price",
      paramLabel = "PRICE",
      description = "Price of one GPU-hour, in --currency: adds the compute cost per token.")
  Double gpuHourPrice;

  @Option(
      names = "--gpus",
      paramLabel = "N",
      defaultValue = "1",
      description = "GPUs per node, for --gpu-hour-price (default: ${DEFAULT-VALUE}).")
  int gpus;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Mixin PrometheusOptions prometheus;

  @Override
  public Integer call() throws Exception {
    Currency money = currency();
    CalculatorInput.Builder builder;
    QueryLengthOrigin origin =
        queryTokens == null ? QueryLengthOrigin.DEFAULT : QueryLengthOrigin.GIVEN;
    MeasuredUsage measured = null;
    if (!prometheus.measured()) {
      requireManual();
      builder = CalculatorInput.builder(power, throughput);
    } else {
      if (power != null || throughput != null) {
        throw usage("--power and --throughput are measured with --from-prometheus; give neither");
      }
      validateCommon();
      try {
        measured = prometheus.read();
      } catch (PrometheusException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("tokenjoule calc: " + e.getMessage());
        err.flush();
        return EXIT_NO_DATA;
      }
      ServerUsage usage = measured.usage();
      builder = CalculatorInput.builder(usage.powerWatts(), usage.tokensPerSecond());
      if (queryTokens == null && usage.requestsMoved()) {
        builder.queryTokens(usage.tokensPerRequest());
        origin = QueryLengthOrigin.MEASURED;
      }
    }
    if (queryTokens != null) {
      builder.queryTokens(queryTokens);
    }
    builder.nodes(fleet).site(new SiteFactors(pue, wue == null ? Double.NaN : wue)).currency(money);
    if (price != null) {
      builder.pricePerKwh(price);
    }
    if (grid != null) {
      builder.gridGramsPerKwh(grid);
    }
    if (gpuHourPrice != null) {
      builder.gpuHourPrice(gpuHourPrice, gpus);
    }
    CalculatorReport report = new CalculatorReport(builder.build(), origin);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("prometheus", measured == null ? null : measured.json());
      root.putAll(report.json());
      out.println(new ObjectMapper().writeValueAsString(root));
    } else {
      out.print((measured == null ? "" : measured.human()) + report.human());
    }
    out.flush();
    return 0;
  }

  private void requireManual() {
    if (power == null || throughput == null) {
      throw usage(
          "give --power and --throughput, or measure them with --from-prometheus URL --server NAME");
    }
    prometheus.requireNone();
    requirePositive("--power", power);
    requirePositive("--throughput", throughput);
    validateCommon();
  }

  private void validateCommon() {
    requireAtLeast("--price", price, 0);
    requireAtLeast("--grid", grid, 0);
    requireAtLeast("--wue", wue, 0);
    requireAtLeast("--gpu-hour-price", gpuHourPrice, 0);
    requireAtLeast("--pue", pue, 1);
    if (queryTokens != null && queryTokens < 1) {
      throw usage("--query-tokens must be >= 1, got " + queryTokens);
    }
    if (fleet < 1) {
      throw usage("--fleet must be >= 1 node, got " + fleet);
    }
    if (gpus < 1) {
      throw usage("--gpus must be >= 1, got " + gpus);
    }
  }

  private void requirePositive(String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw usage(option + " must be a finite number > 0, got " + echo(value));
    }
  }

  private void requireAtLeast(String option, Double value, double minimum) {
    if (value != null && (!(value >= minimum) || Double.isInfinite(value))) {
      throw usage(
          option
              + " must be a finite number >= "
              + FigureFormat.plain(minimum)
              + ", got "
              + echo(value));
    }
  }

  /** A rejected number as the user can recognise it, NaN and infinities included. */
  private static String echo(double value) {
    return Double.isFinite(value) ? FigureFormat.plain(value) : Double.toString(value);
  }

  private Currency currency() {
    try {
      return Money.currency(currency);
    } catch (IllegalArgumentException e) {
      throw usage("--currency: " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
