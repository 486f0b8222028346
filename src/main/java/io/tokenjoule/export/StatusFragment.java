package io.tokenjoule.export;

import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.GpuAccount;
import io.tokenjoule.account.ModelAccount;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.baseline.RegressionView;
import io.tokenjoule.account.economics.EconomicsSnapshot;
import io.tokenjoule.account.economics.ServerEconomics;
import io.tokenjoule.export.HtmlTable.Cell;
import io.tokenjoule.scrape.ScrapeOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The live part of the status page, as HTML: a summary line, the servers (J/token, power, cost,
 * carbon, baseline and regression, scrape health), the GPUs, and where the GPUs' energy went. The
 * page embeds it, and its script fetches it again every few seconds. Stateless.
 */
final class StatusFragment {

  /** The regression ratio at which the page calls a server regressed (the alert's threshold). */
  static final double REGRESSION_RATIO = 1.15;

  private static final List<String> SERVER_COLUMNS =
      List.of(
          "server",
          "engine",
          "models",
          "scrape",
          "J / generated token",
          "J / token",
          "power (window)",
          "running",
          "idle power",
          "energy cost / M tokens",
          "CO₂e / M tokens",
          "baseline J / generated token",
          "regression");

  private static final List<String> GPU_COLUMNS =
      List.of("GPU", "model", "state", "power", "limit", "temperature", "utilisation", "energy");

  private StatusFragment() {}

  /** The fragment for {@code view}, or a line saying no tick has completed yet. */
  static String render(StatusView view) {
    StringBuilder html = new StringBuilder(8 * 1024);
    if (view == null) {
      html.append("<p id=\"summary\" data-tick=\"0\">Waiting for the first tick.</p>");
      return html.toString();
    }
    AccountingSnapshot snapshot = view.snapshot();
    long scraped =
        view.outcomes().values().stream().filter(o -> o instanceof ScrapeOutcome.Success).count();
    html.append("<p id=\"summary\" data-tick=\"")
        .append(view.tick())
        .append("\">")
        .append(
            HtmlTable.escape(
                String.format(
                    Locale.ROOT,
                    "Tick %d at %s: %d GPUs, %d servers, %d scraped this tick.",
                    view.tick(),
                    view.at(),
                    snapshot.gpus().size(),
                    snapshot.servers().size(),
                    scraped)))
        .append("</p>");
    site(html, view.economics());
    servers(html, view);
    gpus(html, snapshot);
    energy(html, snapshot);
    return html.toString();
  }

  private static void site(StringBuilder html, EconomicsSnapshot economics) {
    if (economics == null) {
      return;
    }
    String currency = economics.price().currency().getCurrencyCode();
    html.append("<p id=\"site\">")
        .append(
            HtmlTable.escape(
                String.format(
                    Locale.ROOT,
                    "Electricity %s %s/kWh, PUE %s (costs and carbon: %s scope), grid %s gCO₂e/kWh.",
                    fixed(economics.price().perKilowattHour(), 4),
                    currency,
                    fixed(economics.economics().site().pue(), 2),
                    economics.economics().site().scope(),
                    fixed(economics.gridGramsPerKwh(), 0))))
        .append("</p>");
  }

  private static void servers(StringBuilder html, StatusView view) {
    AccountingSnapshot snapshot = view.snapshot();
    EconomicsSnapshot economics = view.economics();
    String currency = economics == null ? "" : " " + economics.price().currency().getCurrencyCode();
    HtmlTable table = new HtmlTable(html, "servers", "Inference servers", SERVER_COLUMNS);
    for (int i = 0; i < snapshot.servers().size(); i++) {
      ServerAccount server = snapshot.servers().get(i);
      ServerEconomics money = economics == null ? null : economics.servers().get(i);
      RegressionView regression = view.regressions() == null ? null : view.regressions().get(i);
      List<Cell> cells = new ArrayList<>();
      cells.add(Cell.of(server.name()));
      cells.add(Cell.of(server.engine()));
      cells.add(
          Cell.of(
              server.models().stream().map(ModelAccount::model).collect(Collectors.joining(", "))));
      cells.add(scrape(view.outcomes().get(server.name())));
      cells.add(
          Cell.of(
              withUncertainty(
                  server.window().joulesPerGeneratedToken(),
                  server.window().uncertaintyGenerated())));
      cells.add(
          Cell.of(
              withUncertainty(server.window().joulesPerToken(), server.window().uncertaintyAll())));
      cells.add(
          Cell.of(unit(server.window().energyJoules() / server.window().coveredSeconds(), 1, "W")));
      cells.add(Cell.of(fixed(server.runningRequests(), 0)));
      cells.add(Cell.of(unit(server.idle().powerWatts(), 1, "W")));
      cells.add(
          Cell.of(
              money == null
                  ? "–"
                  : unit(money.energyCostPerMillionTokens().all(), 4, currency.strip())));
      cells.add(
          Cell.of(money == null ? "–" : unit(money.carbonGramsPerMillionTokens().all(), 1, "g")));
      cells.add(
          Cell.of(
              regression == null
                  ? "–"
                  : unit(regression.expectedJoulesPerGeneratedToken(), 4, "J")));
      cells.add(regression(regression));
      table.row(server.name(), cells);
    }
    table.end();
  }

  private static Cell scrape(ScrapeOutcome outcome) {
    if (outcome instanceof ScrapeOutcome.Success success) {
      return new Cell(
          String.format(Locale.ROOT, "up, %.0f ms", success.durationSeconds() * 1000), "ok");
    }
    if (outcome instanceof ScrapeOutcome.Failure failure) {
      return new Cell("down: " + failure.error().label() + " (" + failure.message() + ")", "bad");
    }
    return new Cell("not scraped", "muted");
  }

  private static Cell regression(RegressionView regression) {
    if (regression == null) {
      return new Cell("not tracked", "muted");
    }
    if (Double.isNaN(regression.ratio())) {
      return new Cell("learning: no baseline at this load yet", "muted");
    }
    String ratio = String.format(Locale.ROOT, "×%.3f of baseline", regression.ratio());
    return regression.ratio() >= REGRESSION_RATIO
        ? new Cell("regressed: " + ratio, "bad")
        : new Cell("ok: " + ratio, "ok");
  }

  private static void gpus(StringBuilder html, AccountingSnapshot snapshot) {
    HtmlTable table = new HtmlTable(html, "gpus", "GPUs", GPU_COLUMNS);
    for (GpuAccount gpu : snapshot.gpus()) {
      table.row(
          Integer.toString(gpu.gpu().index()),
          List.of(
              Cell.of(Integer.toString(gpu.gpu().index())),
              Cell.of(gpu.gpu().model()),
              gpu.up() ? new Cell("up", "ok") : new Cell("down: " + gpu.downReason(), "bad"),
              Cell.of(unit(gpu.powerWatts(), 1, "W")),
              Cell.of(unit(gpu.gauges().powerLimitWatts(), 0, "W")),
              Cell.of(unit(gpu.gauges().temperatureCelsius(), 0, "°C")),
              Cell.of(unit(gpu.gauges().utilizationRatio() * 100, 0, "%")),
              Cell.of(unit(gpu.energyJoulesTotal() / 3.6e6, 4, "kWh"))));
    }
    table.end();
  }

  /**
   * Where the GPUs' energy went. The GPUs' counters start where the firmware's stood at the agent's
   * first reading, while servers are charged only what the counters rose by since, so the
   * difference is the energy the counters held before the agent started: constant, and no loss.
   */
  private static void energy(StringBuilder html, AccountingSnapshot snapshot) {
    double gpus = 0;
    double unattributed = 0;
    for (GpuAccount gpu : snapshot.gpus()) {
      gpus += nanAsZero(gpu.energyJoulesTotal());
      unattributed += nanAsZero(gpu.unattributedJoulesTotal());
    }
    double servers = 0;
    for (ServerAccount server : snapshot.servers()) {
      servers += nanAsZero(server.energyJoulesTotal());
    }
    HtmlTable table =
        new HtmlTable(html, "energy", "Where the GPUs' energy went", List.of("", "energy"));
    table.row("gpus", List.of(Cell.of("GPU energy counters"), Cell.of(unit(gpus, 1, "J"))));
    table.row("servers", List.of(Cell.of("charged to servers"), Cell.of(unit(servers, 1, "J"))));
    table.row(
        "unattributed",
        List.of(Cell.of("charged to no server"), Cell.of(unit(unattributed, 1, "J"))));
    table.row(
        "before",
        List.of(
            Cell.of(
                "held by the counters before the agent's first reading (the counters count from"
                    + " the driver's start, attribution from the agent's: constant, not a loss)"),
            Cell.of(unit(gpus - servers - unattributed, 1, "J"))));
    table.end();
  }

  private static double nanAsZero(double value) {
    return Double.isNaN(value) ? 0 : value;
  }

  private static String withUncertainty(double joules, double ratio) {
    if (Double.isNaN(joules)) {
      return "idle";
    }
    String value = String.format(Locale.ROOT, "%.4f J", joules);
    return Double.isNaN(ratio)
        ? value
        : value + String.format(Locale.ROOT, " ±%.1f%%", ratio * 100);
  }

  private static String unit(double value, int decimals, String unit) {
    return Double.isFinite(value) ? fixed(value, decimals) + " " + unit : "–";
  }

  private static String fixed(double value, int decimals) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "–";
  }
}
