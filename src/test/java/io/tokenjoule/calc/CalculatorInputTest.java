package io.tokenjoule.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.account.economics.EnergyPrice;
import io.tokenjoule.account.economics.SiteFactors;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CalculatorInputTest {

  private static void assertRejected(String messageStart, Executable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
    assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
  }

  @Test
  void powerThroughputAndQueryLengthMustBePositiveAndFinite() {
    assertRejected("power must be", () -> CalculatorInput.builder(-1, 2500).build());
    assertRejected("power must be", () -> CalculatorInput.builder(0, 2500).build());
    assertRejected("power must be", () -> CalculatorInput.builder(Double.NaN, 2500).build());
    assertRejected("throughput must be", () -> CalculatorInput.builder(5600, 0).build());
    assertRejected(
        "throughput must be",
        () -> CalculatorInput.builder(5600, Double.POSITIVE_INFINITY).build());
    assertRejected(
        "query tokens must be", () -> CalculatorInput.builder(5600, 2500).queryTokens(0).build());
    assertRejected("nodes must be", () -> CalculatorInput.builder(5600, 2500).nodes(0).build());
  }

  @Test
  void pricesAndGridMustBeNonNegative() {
    assertRejected(
        "price per kWh must be",
        () -> CalculatorInput.builder(5600, 2500).pricePerKwh(-0.1).build());
    assertRejected(
        "grid intensity must be",
        () -> CalculatorInput.builder(5600, 2500).gridGramsPerKwh(-1).build());
    assertRejected(
        "GPU-hour price must be",
        () -> CalculatorInput.builder(5600, 2500).gpuHourPrice(-1, 1).build());
    assertRejected(
        "GPUs per node must be",
        () -> CalculatorInput.builder(5600, 2500).gpuHourPrice(2, 0).build());
  }

  @Test
  void everyPriceIsInTheInputsCurrency() {
    Currency eur = Currency.getInstance("EUR");
    CalculatorInput in =
        CalculatorInput.builder(5600, 2500)
            .currency(eur)
            .pricePerKwh(0.2)
            .gpuHourPrice(2, 8)
            .build();
    assertEquals(eur, in.energyPrice().currency());
    assertEquals(eur, in.gpuHourPrice().currency());
    assertRejected(
        "energy price is in USD, not EUR",
        () ->
            new CalculatorInput(
                5600,
                2500,
                500,
                1,
                SiteFactors.IT_ONLY,
                eur,
                new EnergyPrice(0.1, Currency.getInstance("USD")),
                Double.NaN,
                null));
  }

  @Test
  void defaultsAreAFiveHundredTokenQueryOnOneNodeWithoutPrices() {
    CalculatorInput in = CalculatorInput.builder(5600, 2500).build();
    assertEquals(500, in.queryTokens());
    assertEquals(1, in.nodes());
    assertEquals(SiteFactors.IT_ONLY, in.site());
    assertEquals("USD", in.currency().getCurrencyCode());
    assertNull(in.energyPrice());
    assertNull(in.gpuHourPrice());
    assertTrue(!in.hasGrid());
  }
}
