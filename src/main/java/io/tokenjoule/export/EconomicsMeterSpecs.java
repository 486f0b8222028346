package io.tokenjoule.export;

import io.tokenjoule.account.economics.Economics;
import io.tokenjoule.account.economics.ExchangeRate;
import io.tokenjoule.account.economics.PerMillionTokens;
import io.tokenjoule.account.economics.ServerEconomics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The per-server money, carbon and water meters for one economics configuration: every money figure
 * once in the tariff's currency ({@code indicative="false"}) and once per configured exchange rate
 * ({@code indicative="true"}). Cost and carbon carry {@code scope} (it or facility, from the PUE);
 * water is always computed from IT energy.
 */
final class EconomicsMeterSpecs {

  private EconomicsMeterSpecs() {}

  static List<MeterSpec<ServerFigures>> of(Economics economics) {
    List<MeterSpec<ServerFigures>> specs = new ArrayList<>();
    String scope = economics.site().scope();
    addMoney(specs, economics.tariff().base().currency().getCurrencyCode(), 1, "false", scope);
    for (ExchangeRate rate : economics.indicativeRates()) {
      addMoney(specs, rate.currency().getCurrencyCode(), rate.perBaseUnit(), "true", scope);
    }
    specs.add(
        MeterSpec.counter(
            "tokenjoule.server.carbon",
            "grams",
            "gCO2e of the server's energy, at the grid intensity of each moment.",
            economics(ServerEconomics::carbonGramsTotal),
            "scope",
            scope));
    specs.add(
        MeterSpec.counter(
            "tokenjoule.server.water",
            "liters",
            "Water behind the server's energy (WUE x IT energy).",
            economics(ServerEconomics::waterLitersTotal)));
    perMillion(
        specs,
        "tokenjoule.carbon.per.million.tokens",
        "grams",
        "gCO2e per million tokens over the window, at the grid intensity now.",
        ServerEconomics::carbonGramsPerMillionTokens,
        1,
        "scope",
        scope);
    perMillion(
        specs,
        "tokenjoule.water.per.million.tokens",
        "liters",
        "Litres of water per million tokens over the window (WUE x IT energy).",
        ServerEconomics::waterLitersPerMillionTokens,
        1);
    return specs;
  }

  private static void addMoney(
      List<MeterSpec<ServerFigures>> specs,
      String currency,
      double rate,
      String indicative,
      String scope) {
    specs.add(
        MeterSpec.counter(
            "tokenjoule.server.energy.cost",
            null,
            "What the server's energy cost, at the price in force at each moment, PUE applied.",
            economics(e -> e.energyCostTotal() * rate),
            "currency",
            currency,
            "scope",
            scope,
            "indicative",
            indicative));
    specs.add(
        MeterSpec.gauge(
            "tokenjoule.energy.cost.per.request",
            null,
            "Energy cost per finished request over the window, PUE applied.",
            economics(e -> e.energyCostPerRequest() * rate),
            "currency",
            currency,
            "scope",
            scope,
            "indicative",
            indicative));
    perMillion(
        specs,
        "tokenjoule.energy.cost.per.million.tokens",
        null,
        "Energy cost per million tokens over the window, all-in (idle included), PUE applied.",
        ServerEconomics::energyCostPerMillionTokens,
        rate,
        "currency",
        currency,
        "scope",
        scope,
        "indicative",
        indicative);
    perMillion(
        specs,
        "tokenjoule.compute.cost.per.million.tokens",
        null,
        "GPU-hour cost of the server's GPUs per million tokens over the window.",
        ServerEconomics::computeCostPerMillionTokens,
        rate,
        "currency",
        currency,
        "indicative",
        indicative);
  }

  /** One gauge per token kind, {@code kind="generated"} and {@code kind="all"}. */
  private static void perMillion(
      List<MeterSpec<ServerFigures>> specs,
      String name,
      String unit,
      String description,
      Function<ServerEconomics, PerMillionTokens> figure,
      double factor,
      String... tags) {
    specs.add(
        MeterSpec.gauge(
            name,
            unit,
            description,
            economics(e -> figure.apply(e).generated() * factor),
            withKind("generated", tags)));
    specs.add(
        MeterSpec.gauge(
            name,
            unit,
            description,
            economics(e -> figure.apply(e).all() * factor),
            withKind("all", tags)));
  }

  private static String[] withKind(String kind, String... tags) {
    String[] all = new String[tags.length + 2];
    all[0] = "kind";
    all[1] = kind;
    System.arraycopy(tags, 0, all, 2, tags.length);
    return all;
  }

  /** Reads an economics figure; NaN (so never registered) when the server has no economics. */
  private static ToDoubleFunction<ServerFigures> economics(
      ToDoubleFunction<ServerEconomics> figure) {
    return f -> f.economics() == null ? Double.NaN : figure.applyAsDouble(f.economics());
  }
}
