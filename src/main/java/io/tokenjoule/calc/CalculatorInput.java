package io.tokenjoule.calc;

import io.tokenjoule.account.economics.EnergyPrice;
import io.tokenjoule.account.economics.GpuHourPrice;
import io.tokenjoule.account.economics.SiteFactors;
import java.util.Currency;
import java.util.Objects;

/**
 * What the calculator is asked: a fleet of identical nodes, each drawing {@code powerWatts} of IT
 * (GPU) power while serving {@code tokensPerSecond}, and the optional facts that turn energy into
 * money, carbon and water.
 *
 * @param powerWatts IT power of one node, {@code > 0}
 * @param tokensPerSecond tokens one node serves per second, {@code > 0}
 * @param queryTokens tokens in one query (prompt and answer), {@code > 0}
 * @param nodes nodes in the fleet, {@code >= 1}
 * @param site PUE and WUE
 * @param currency the currency of every price and every cost figure
 * @param energyPrice price of facility energy, or {@code null} when not given (no energy cost)
 * @param gridGramsPerKwh carbon intensity of the grid, g CO2 per kWh of facility energy, {@code >=
 *     0}, or NaN when not given (no carbon figures)
 * @param gpuHourPrice price of GPU time, or {@code null} when not given (no compute cost)
 */
public record CalculatorInput(
    double powerWatts,
    double tokensPerSecond,
    double queryTokens,
    int nodes,
    SiteFactors site,
    Currency currency,
    EnergyPrice energyPrice,
    double gridGramsPerKwh,
    GpuHourPrice gpuHourPrice) {

  public CalculatorInput {
    requirePositive("power", powerWatts);
    requirePositive("throughput", tokensPerSecond);
    requirePositive("query tokens", queryTokens);
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes must be >= 1, got " + nodes);
    }
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(currency, "currency");
    if (energyPrice != null && !energyPrice.currency().equals(currency)) {
      throw new IllegalArgumentException(
          "energy price is in " + energyPrice.currency() + ", not " + currency);
    }
    if (gpuHourPrice != null && !gpuHourPrice.currency().equals(currency)) {
      throw new IllegalArgumentException(
          "GPU-hour price is in " + gpuHourPrice.currency() + ", not " + currency);
    }
    if (!Double.isNaN(gridGramsPerKwh)
        && (!(gridGramsPerKwh >= 0) || Double.isInfinite(gridGramsPerKwh))) {
      throw new IllegalArgumentException(
          "grid intensity must be a finite number >= 0 g/kWh, got " + gridGramsPerKwh);
    }
  }

  /** Tokens in a query when nobody says otherwise: a short chat turn, prompt and answer. */
  public static final double DEFAULT_QUERY_TOKENS = 500;

  /** Starts an input with power and throughput per node; everything else at its default. */
  public static Builder builder(double powerWatts, double tokensPerSecond) {
    return new Builder(powerWatts, tokensPerSecond);
  }

  /** Only power and throughput: energy figures, no money, carbon or water. */
  public static CalculatorInput energyOnly(double powerWatts, double tokensPerSecond) {
    return new CalculatorInput(
        powerWatts,
        tokensPerSecond,
        500,
        1,
        SiteFactors.IT_ONLY,
        Currency.getInstance("USD"),
        null,
        Double.NaN,
        null);
  }

  /**
   * The same fleet serving twice the tokens per second at the same power: twice the tokens per
   * joule, the question "what if our software got twice as efficient".
   */
  public CalculatorInput withDoubleThroughputPerWatt() {
    return new CalculatorInput(
        powerWatts,
        tokensPerSecond * 2,
        queryTokens,
        nodes,
        site,
        currency,
        energyPrice,
        gridGramsPerKwh,
        gpuHourPrice);
  }

  public boolean hasGrid() {
    return !Double.isNaN(gridGramsPerKwh);
  }

  private static void requirePositive(String what, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(what + " must be a finite number > 0, got " + value);
    }
  }

  /**
   * Builds a {@link CalculatorInput}; by default 500-token queries, one node, PUE 1 without WUE,
   * USD, and no price or grid intensity. Not thread-safe.
   */
  public static final class Builder {
    private final double powerWatts;
    private final double tokensPerSecond;
    private double queryTokens = DEFAULT_QUERY_TOKENS;
    private int nodes = 1;
    private SiteFactors site = SiteFactors.IT_ONLY;
    private Currency currency = Currency.getInstance("USD");
    private double pricePerKwh = Double.NaN;
    private double gridGramsPerKwh = Double.NaN;
    private double perGpuHour = Double.NaN;
    private int gpusPerNode = 1;

    private Builder(double powerWatts, double tokensPerSecond) {
      this.powerWatts = powerWatts;
      this.tokensPerSecond = tokensPerSecond;
    }

    public Builder queryTokens(double tokens) {
      this.queryTokens = tokens;
      return this;
    }

    public Builder nodes(int nodes) {
      this.nodes = nodes;
      return this;
    }

    public Builder site(SiteFactors site) {
      this.site = site;
      return this;
    }

    /** The currency of the prices given to this builder. */
    public Builder currency(Currency currency) {
      this.currency = currency;
      return this;
    }

    public Builder pricePerKwh(double price) {
      this.pricePerKwh = price;
      return this;
    }

    public Builder gridGramsPerKwh(double grams) {
      this.gridGramsPerKwh = grams;
      return this;
    }

    public Builder gpuHourPrice(double perGpuHour, int gpusPerNode) {
      this.perGpuHour = perGpuHour;
      this.gpusPerNode = gpusPerNode;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first value out of range
     */
    public CalculatorInput build() {
      return new CalculatorInput(
          powerWatts,
          tokensPerSecond,
          queryTokens,
          nodes,
          site,
          currency,
          Double.isNaN(pricePerKwh) ? null : new EnergyPrice(pricePerKwh, currency),
          gridGramsPerKwh,
          Double.isNaN(perGpuHour) ? null : new GpuHourPrice(perGpuHour, gpusPerNode, currency));
    }
  }
}
