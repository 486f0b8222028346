package io.tokenjoule.account.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenjoule.account.split.SplitEstimate;
import io.tokenjoule.account.split.SplitStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantLedgerTest {

  private static final SplitEstimate NOT_FITTED = SplitEstimate.NOT_FITTED;
  // A prompt token costs 0.1 J, a generated token 0.4 J.
  private static final SplitEstimate FITTED =
      new SplitEstimate(0.1, 0.4, 100, 0.9, 0.01, 0.01, 1, SplitStatus.PUBLISHED, 3, 50);

  private final TenantLedger ledger = new TenantLedger();

  @Test
  void splitsATicksEnergyByTokensWhenNoSplitIsKnown() {
    TenantTick tick =
        ledger.settle(
            new Charge(100, 2.0, 40),
            true,
            List.of(
                new FinishedRequest("a", "m", 10, 30),
                new FinishedRequest("b", "m", 50, 10),
                new FinishedRequest("a", "m", 0, 0)),
            NOT_FITTED);

    assertEquals(TenantSplitMethod.TOKEN_SHARE, tick.method());
    assertEquals(
        List.of(
            new TenantShare("a", "m", new Charge(40, 0.8, 16)),
            new TenantShare("b", "m", new Charge(60, 1.2, 24))),
        tick.shares());
    assertEquals(
        List.of(new Charge(40, 0.8, 16), new Charge(60, 1.2, 24), Charge.NONE),
        tick.requestCharges());
  }

  @Test
  void weighsPromptAndGeneratedTokensByThePrefillDecodeSplit() {
    // a: 100 x 0.1 + 10 x 0.4 = 14; b: 10 x 0.1 + 40 x 0.4 = 17; by tokens they would be 110 : 50.
    TenantTick tick =
        ledger.settle(
            new Charge(62, Double.NaN, Double.NaN),
            true,
            List.of(new FinishedRequest("a", "m", 100, 10), new FinishedRequest("b", "n", 10, 40)),
            FITTED);

    assertEquals(TenantSplitMethod.PREFILL_DECODE, tick.method());
    assertEquals(28, tick.shares().get(0).charge().joules(), 1e-9);
    assertEquals(34, tick.shares().get(1).charge().joules(), 1e-9);
    assertEquals("n", tick.shares().get(1).model());
  }

  @Test
  void energyOfBusyTicksWaitsForTheRequestsThatFinish() {
    ledger.settle(new Charge(30, 0, 0), true, List.of(), NOT_FITTED);
    ledger.settle(new Charge(30, 0, 0), true, List.of(), NOT_FITTED);
    assertEquals(60, ledger.waiting().joules());

    TenantTick tick =
        ledger.settle(
            new Charge(30, 0, 0), true, List.of(new FinishedRequest("a", "m", 1, 2)), NOT_FITTED);
    assertEquals(90, tick.shares().get(0).charge().joules());
    assertEquals(0, ledger.waiting().joules());
  }

  @Test
  void energyOfIdleTicksGoesToNoTenant() {
    ledger.settle(new Charge(5, 0, 0), true, List.of(), NOT_FITTED);
    TenantTick idle = ledger.settle(new Charge(7, 0, 0), false, List.of(), NOT_FITTED);

    assertEquals(List.of(), idle.shares());
    assertEquals(12, idle.idle().joules(), "what waited and this tick, since nothing ran");
    TenantTick next =
        ledger.settle(
            new Charge(3, 0, 0), true, List.of(new FinishedRequest("a", "m", 1, 0)), NOT_FITTED);
    assertEquals(3, next.shares().get(0).charge().joules());
  }
}
