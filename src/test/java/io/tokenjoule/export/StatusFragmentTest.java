package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.GpuAccount;
import io.tokenjoule.account.IdleStats;
import io.tokenjoule.account.ModelAccount;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.WindowStats;
import io.tokenjoule.account.baseline.ExpectedFrom;
import io.tokenjoule.account.baseline.RegressionView;
import io.tokenjoule.account.split.SplitEstimate;
import io.tokenjoule.scrape.ScrapeError;
import io.tokenjoule.scrape.ScrapeOutcome;
import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusFragmentTest {

  private static ServerAccount server(String name, double energy) {
    return new ServerAccount(
        name,
        "vllm",
        false,
        true,
        List.of(new ModelAccount("m<1>", 20, 10, 1)),
        energy,
        4,
        1,
        new IdleStats(0, Double.NaN),
        SplitEstimate.NOT_FITTED,
        new WindowStats(60, 600, 1000, 500, 10, 4, 1.2, 0.4, 60, 0.01, 0.02));
  }

  private static GpuAccount gpu(int index, double energy, double unattributed) {
    return new GpuAccount(
        new GpuIdentity(index, "GPU-" + index, "H100"),
        true,
        null,
        EnergyMethod.COUNTER,
        energy,
        300,
        300,
        GpuGauges.UNKNOWN,
        0,
        unattributed);
  }

  private static RegressionView ratio(double ratio) {
    return new RegressionView(
        Optional.empty(), 4, 1.2, 1.2 / ratio, ExpectedFrom.values()[0], ratio, List.of());
  }

  private static String render(List<RegressionView> regressions) {
    AccountingSnapshot snapshot =
        new AccountingSnapshot(
            10,
            List.of(gpu(0, 5000, 100), gpu(1, 2500, 2500)),
            List.of(server("<script>alert(1)</script>", 3000), server("b", 600)));
    return StatusFragment.render(
        new StatusView(
            7,
            Instant.parse("2026-01-01T00:00:00Z"),
            snapshot,
            null,
            regressions,
            Map.of(
                "b",
                new ScrapeOutcome.Failure(ScrapeError.TIMEOUT, "http://b/metrics: slow", 1.5))));
  }

  @Test
  void namesFromServersAndModelsAreEscaped() {
    String html = render(null);
    assertFalse(html.contains("<script>"), html);
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    assertTrue(html.contains("m&lt;1&gt;"), html);
  }

  @Test
  void saysWhatTheRegressionStateAndScrapeHealthAre() {
    String html = render(List.of(ratio(1.3), ratio(1.02)));
    assertTrue(html.contains("<td class=\"bad\">regressed: ×1.300 of baseline</td>"), html);
    assertTrue(html.contains("<td class=\"ok\">ok: ×1.020 of baseline</td>"), html);
    assertTrue(
        html.contains("<td class=\"bad\">down: timeout (http://b/metrics: slow)</td>"), html);
    assertTrue(html.contains("<td class=\"muted\">not scraped</td>"), html);
    assertTrue(html.contains("data-tick=\"7\""), html);
    assertTrue(render(null).contains("not tracked"));
  }

  @Test
  void theEnergyTheCountersHeldBeforeTheFirstReadingIsTheGap() {
    // 7500 J on the counters = 3600 J to servers + 2600 J to none + 1300 J from before.
    String html = render(null);
    assertTrue(html.contains("<td>7500.0 J</td>"), html);
    assertTrue(html.contains("<td>3600.0 J</td>"), html);
    assertTrue(html.contains("<td>2600.0 J</td>"), html);
    assertTrue(html.contains("first reading") && html.contains("<td>1300.0 J</td>"), html);
  }
}
