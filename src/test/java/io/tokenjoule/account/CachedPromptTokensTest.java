package io.tokenjoule.account;

import static io.tokenjoule.account.TestReadings.gpu;
import static io.tokenjoule.account.TestReadings.scrape;
import static io.tokenjoule.account.TestReadings.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.account.split.SplitStatus;
import io.tokenjoule.scrape.ModelCounters;
import io.tokenjoule.source.GpuIdentity;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Prompt tokens served from a prefix cache: counted with the served prompt, told apart in their own
 * counter, and left out of the prefill fit, which prices the prompt tokens the GPU computed.
 */
class CachedPromptTokensTest {

  private final GpuIdentity g0 = gpu(0);

  private Accountant accountant() {
    return new Accountant(
        60, List.of(g0), List.of(new ServerSpec("s", "llamacpp", List.of(g0.uuid()))), false);
  }

  @Test
  void aCachedSeriesThatAppearsLaterCountsFromZero() {
    Accountant accountant = accountant();
    tick(accountant, 0, 0, new ModelCounters("m", 100, 10, 1, 0));
    tick(accountant, 1, 300, new ModelCounters("m", 300, 20, 2, 0, 150));
    ServerAccount s = tick(accountant, 2, 600, new ModelCounters("m", 500, 30, 3, 0, 250));
    ModelAccount m = s.models().get(0);
    assertEquals(500, m.promptTokensTotal());
    assertEquals(250, m.cachedPromptTokensTotal());
  }

  @Test
  void anEngineThatDoesNotTellThemApartLeavesCachedUnknown() {
    ServerAccount s = tick(accountant(), 0, 0, new ModelCounters("m", 100, 10, 1, 0));
    assertTrue(Double.isNaN(s.models().get(0).cachedPromptTokensTotal()));
  }

  /**
   * The GPU draws 120 W + 0.4 J per computed prompt token + 1.5 J per generated token, while the
   * cache hit rate wanders between 0 and 90%: the prefill fit recovers 0.4 J per computed token.
   * Priced per served token it could not fit one figure, as the served tokens' cost moves with the
   * hit rate.
   */
  @Test
  void theSplitPricesComputedPromptTokens() {
    Accountant accountant = accountant();
    Random random = new Random(7);
    double served = 0;
    double cached = 0;
    double generated = 0;
    double energy = 0;
    ServerAccount s = null;
    for (int t = 0; t <= 600; t++) {
      double prompt = 200 + random.nextInt(2000);
      double hit = 0.9 * random.nextDouble();
      double decode = 100 + random.nextInt(400);
      served += prompt;
      cached += Math.floor(prompt * hit);
      generated += decode;
      energy += 120 + 0.4 * (prompt - Math.floor(prompt * hit)) + 1.5 * decode;
      s = tick(accountant, t, energy, new ModelCounters("m", served, generated, t, 4, cached));
    }
    assertEquals(SplitStatus.PUBLISHED, s.split().status());
    assertEquals(0.4, s.split().joulesPerPrefillToken(), 0.004);
    assertEquals(1.5, s.split().joulesPerDecodeToken(), 0.015);
    assertEquals(served, s.models().get(0).promptTokensTotal());
  }

  private ServerAccount tick(Accountant accountant, double t, double joules, ModelCounters m) {
    return accountant
        .tick(t, List.of(up(g0, t, joules)), Map.of("s", scrape(t, 0, 5, m)))
        .servers()
        .get(0);
  }
}
