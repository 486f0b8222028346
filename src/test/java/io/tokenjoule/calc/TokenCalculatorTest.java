package io.tokenjoule.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.account.economics.SiteFactors;
import org.junit.jupiter.api.Test;

/** Every figure against a hand computation; the expected values are written out, not derived. */
class TokenCalculatorTest {

  private static final double EXACT = 1e-12;

  private static void assertClose(double expected, double actual) {
    assertEquals(expected, actual, Math.abs(expected) * EXACT, () -> "expected " + expected);
  }

  @Test
  void theConsolesExample() {
    TokenFigures f =
        TokenCalculator.figures(CalculatorInput.builder(5600, 2500).pricePerKwh(0.08).build());
    assertClose(2.24, f.energyPerTokenJoules());
    // 2.24 MJ = 0.6222... kWh, at 0.08 per kWh
    assertClose(0.049777777777777778, f.energyCostPerMillionTokens());
    // 500 tokens: 1120 J = 0.3111 Wh
    assertClose(0.31111111111111111, f.energyPerQueryWattHours());
    assertClose(2.4888888888888889e-5, f.costPerQuery());
    assertClose(3214.2857142857143, f.queriesPerKilowattHour());
    assertClose(134.4, f.perDay().energyKilowattHours());
    assertClose(10.752, f.perDay().energyCost());
    assertClose(2.16e8, f.perDay().tokens());
    assertClose(49_056, f.perYear().energyKilowattHours());
    assertClose(3924.48, f.perYear().energyCost());
    assertClose(7.884e10, f.perYear().tokens());
  }

  @Test
  void figuresWithoutTheirInputsAreNaN() {
    TokenFigures f = TokenCalculator.figures(CalculatorInput.builder(5600, 2500).build());
    assertTrue(Double.isNaN(f.energyCostPerMillionTokens()));
    assertTrue(Double.isNaN(f.costPerQuery()));
    assertTrue(Double.isNaN(f.computeCostPerMillionTokens()));
    assertTrue(Double.isNaN(f.carbonPerMillionTokensGrams()));
    assertTrue(Double.isNaN(f.waterPerMillionTokensLiters()));
    assertTrue(Double.isNaN(f.perDay().energyCost()));
    assertTrue(Double.isNaN(f.perDay().computeCost()));
    assertTrue(Double.isNaN(f.perDay().carbonKilograms()));
    assertTrue(Double.isNaN(f.perDay().waterLiters()));
    assertClose(2.24, f.energyPerTokenJoules());
  }

  @Test
  void pueRaisesEnergyCostAndCarbonButNotWater() {
    TokenFigures f =
        TokenCalculator.figures(
            CalculatorInput.builder(5600, 2500)
                .pricePerKwh(0.08)
                .site(new SiteFactors(1.5, 1.8))
                .gridGramsPerKwh(400)
                .build());
    // Facility energy: 2.24 J x 1.5
    assertClose(3.36, f.energyPerTokenJoules());
    // 3.36 MJ = 0.9333 kWh
    assertClose(0.074666666666666667, f.energyCostPerMillionTokens());
    assertClose(373.33333333333333, f.carbonPerMillionTokensGrams());
    // Water from IT energy: 2.24 MJ = 0.6222 kWh x 1.8 L/kWh
    assertClose(1.12, f.waterPerMillionTokensLiters());
    // 500 tokens: 1680 J = 0.4667 Wh
    assertClose(0.46666666666666667, f.energyPerQueryWattHours());
    assertClose(2142.8571428571429, f.queriesPerKilowattHour());
  }

  @Test
  void aFleetMultipliesPerNodeFigures() {
    TokenFigures f =
        TokenCalculator.figures(
            CalculatorInput.builder(5600, 2500)
                .nodes(10)
                .pricePerKwh(0.08)
                .site(new SiteFactors(1.5, 1.8))
                .gridGramsPerKwh(400)
                .gpuHourPrice(2.5, 8)
                .build());
    // IT: 56 kW x 24 h = 1344 kWh; facility x 1.5 = 2016 kWh
    assertClose(2016, f.perDay().energyKilowattHours());
    assertClose(161.28, f.perDay().energyCost());
    // 10 nodes x 8 GPUs x 24 h x 2.5
    assertClose(4800, f.perDay().computeCost());
    assertClose(806.4, f.perDay().carbonKilograms());
    assertClose(2419.2, f.perDay().waterLiters());
    assertClose(2.16e9, f.perDay().tokens());
    assertClose(735_840, f.perYear().energyKilowattHours());
    assertClose(1_752_000, f.perYear().computeCost());
    // Per-token figures do not depend on the fleet.
    assertClose(3.36, f.energyPerTokenJoules());
  }

  @Test
  void gpuHourPriceGivesTheComputeFloorPerMillionTokens() {
    TokenFigures f =
        TokenCalculator.figures(CalculatorInput.builder(5600, 2500).gpuHourPrice(2.5, 8).build());
    // 8 GPUs x 2.5 per hour = 20 per hour, for 9,000,000 tokens per hour
    assertClose(2.2222222222222222, f.computeCostPerMillionTokens());
    assertTrue(Double.isNaN(f.energyCostPerMillionTokens()));
  }

  @Test
  void doublingThroughputPerWattHalvesPerTokenFiguresAndDoublesTokens() {
    CalculatorInput base =
        CalculatorInput.builder(5600, 2500)
            .pricePerKwh(0.08)
            .gridGramsPerKwh(400)
            .site(new SiteFactors(1, 1.8))
            .gpuHourPrice(2.5, 8)
            .build();
    TokenFigures d = TokenCalculator.figures(base.withDoubleThroughputPerWatt());
    assertClose(1.12, d.energyPerTokenJoules());
    assertClose(0.024888888888888889, d.energyCostPerMillionTokens());
    assertClose(1.1111111111111111, d.computeCostPerMillionTokens());
    assertClose(0.15555555555555556, d.energyPerQueryWattHours());
    assertClose(6428.5714285714286, d.queriesPerKilowattHour());
    assertClose(124.44444444444444, d.carbonPerMillionTokensGrams());
    assertClose(0.56, d.waterPerMillionTokensLiters());
    // Same power, so the same energy and bill per day, for twice the tokens.
    assertClose(134.4, d.perDay().energyKilowattHours());
    assertClose(10.752, d.perDay().energyCost());
    assertClose(4.32e8, d.perDay().tokens());
  }

  @Test
  void queryLengthScalesPerQueryFigures() {
    TokenFigures f =
        TokenCalculator.figures(
            CalculatorInput.builder(5600, 2500).queryTokens(2000).pricePerKwh(0.08).build());
    // 2000 x 2.24 J = 4480 J = 1.2444 Wh
    assertClose(1.2444444444444444, f.energyPerQueryWattHours());
    assertClose(9.9555555555555556e-5, f.costPerQuery());
    assertClose(803.57142857142857, f.queriesPerKilowattHour());
  }
}
