package io.tokenjoule.config;

import io.tokenjoule.account.economics.Economics;
import io.tokenjoule.account.economics.EnergyPrice;
import io.tokenjoule.account.economics.ExchangeRate;
import io.tokenjoule.account.economics.Money;
import io.tokenjoule.account.economics.SiteFactors;
import io.tokenjoule.account.economics.Tariff;
import io.tokenjoule.account.economics.TariffWindow;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code economics} section: the price of electricity (flat or by time of use), PUE, WUE,
 * a GPU-hour price and indicative exchange rates.
 */
final class EconomicsBinder {

  static final String CURRENCY = "currency";
  static final String PRICE_PER_KWH = "price_per_kwh";
  static final String TIME_ZONE = "time_zone";
  static final String TIME_OF_USE = "time_of_use";
  static final String PUE = "pue";
  static final String WUE = "wue_liters_per_kwh";
  static final String GPU_HOUR_PRICE = "gpu_hour_price";
  static final String INDICATIVE_RATES = "indicative_rates";
  static final List<String> KEYS =
      List.of(
          CURRENCY,
          PRICE_PER_KWH,
          TIME_ZONE,
          TIME_OF_USE,
          PUE,
          WUE,
          GPU_HOUR_PRICE,
          INDICATIVE_RATES);
  static final List<String> REQUIRED = List.of(CURRENCY, PRICE_PER_KWH);

  private static final WeeklyWindowReader WINDOWS =
      new WeeklyWindowReader("price windows", PRICE_PER_KWH, v -> v >= 0, "must be >= 0");

  private EconomicsBinder() {}

  /** Absent: no economics. Present: currency and price_per_kwh are required. */
  static Optional<Economics> read(Optional<Located> at, Problems problems) {
    if (at.isEmpty()) {
      return Optional.empty();
    }
    int before = problems.count();
    Optional<MappingReader> reader = MappingReader.of(at.get(), KEYS, problems);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    MappingReader keys = reader.get();
    Optional<Currency> currency =
        keys.required(CURRENCY, REQUIRED)
            .flatMap(
                c -> c.parse(problems, "an ISO 4217 currency code such as USD", Money::currency));
    Optional<Double> price =
        keys.required(PRICE_PER_KWH, REQUIRED)
            .flatMap(p -> NumberSyntax.read(p, v -> v >= 0, "must be >= 0", problems));
    ZoneId zone =
        keys.optional(TIME_ZONE)
            .flatMap(z -> z.parse(problems, TimeZoneSyntax.EXPECTED, TimeZoneSyntax::parse))
            .orElse(ZoneId.of("UTC"));
    List<TariffWindow> windows = windows(keys.optional(TIME_OF_USE), problems);
    double pue =
        keys.optional(PUE)
            .flatMap(p -> NumberSyntax.read(p, v -> v >= 1, "must be >= 1", problems))
            .orElse(1.0);
    double wue =
        keys.optional(WUE)
            .flatMap(w -> NumberSyntax.read(w, v -> v >= 0, "must be >= 0", problems))
            .orElse(Double.NaN);
    double gpuHour =
        keys.optional(GPU_HOUR_PRICE)
            .flatMap(g -> NumberSyntax.read(g, v -> v >= 0, "must be >= 0", problems))
            .orElse(Double.NaN);
    List<ExchangeRate> rates = rates(keys.optional(INDICATIVE_RATES), currency, problems);
    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new Economics(
            new Tariff(new EnergyPrice(price.orElseThrow(), currency.orElseThrow()), zone, windows),
            new SiteFactors(pue, wue),
            gpuHour,
            rates));
  }

  private static List<TariffWindow> windows(Optional<Located> at, Problems problems) {
    List<TariffWindow> windows = new ArrayList<>();
    for (WeeklyWindowReader.WeeklyWindow w : WINDOWS.read(at, problems)) {
      try {
        windows.add(new TariffWindow(w.days(), w.fromMinute(), w.toMinute(), w.value()));
      } catch (IllegalArgumentException e) {
        problems.add(w.at().location(), e.getMessage());
      }
    }
    return windows;
  }

  /** A mapping from currency code to units of it per unit of the tariff's currency. */
  private static List<ExchangeRate> rates(
      Optional<Located> at, Optional<Currency> base, Problems problems) {
    if (at.isEmpty()) {
      return List.of();
    }
    if (!(at.get().node() instanceof YamlNode.Mapping mapping)) {
      problems.add(
          at.get().location(),
          "expected a mapping from currency code to rate per unit of the tariff's currency,"
              + " such as {EUR: 0.92}, got "
              + at.get().node().describe());
      return List.of();
    }
    List<ExchangeRate> rates = new ArrayList<>();
    for (YamlNode.Entry entry : mapping.entries()) {
      Located value = at.get().child(entry.key(), entry.value());
      ConfigLocation keyLocation = entry.keyMark().at(value.keyPath());
      Currency currency;
      try {
        currency = Money.currency(entry.key());
      } catch (IllegalArgumentException e) {
        problems.add(keyLocation, e.getMessage());
        continue;
      }
      if (base.isPresent() && base.get().equals(currency)) {
        problems.add(keyLocation, "the tariff is already in " + entry.key() + "; remove this rate");
        continue;
      }
      if (rates.stream().anyMatch(r -> r.currency().equals(currency))) {
        problems.add(keyLocation, "currency " + entry.key() + " has two rates");
        continue;
      }
      NumberSyntax.read(value, v -> v > 0, "must be > 0", problems)
          .ifPresent(rate -> rates.add(new ExchangeRate(currency, rate)));
    }
    return rates;
  }
}
