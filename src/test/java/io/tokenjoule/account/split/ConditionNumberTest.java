package io.tokenjoule.account.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConditionNumberTest {

  @Test
  void orthogonalColumnsAreperfectlyConditioned() {
    assertEquals(1, ConditionNumber.ofEquilibrated(4, 0, 0, 9, 0, 1e6), 1e-12);
  }

  @Test
  void equalCorrelationsGiveTheKnownEigenvalues() {
    // Unit diagonal, off-diagonals ρ = 0.5: eigenvalues 1 + 2ρ = 2 and 1 - ρ = 0.5 (twice).
    assertEquals(4, ConditionNumber.ofEquilibrated(1, 0.5, 0.5, 1, 0.5, 1), 1e-12);
    // Negative ρ = -0.25: eigenvalues 1 + 0.25 (twice) and 1 - 0.5.
    assertEquals(2.5, ConditionNumber.ofEquilibrated(1, -0.25, -0.25, 1, -0.25, 1), 1e-12);
  }

  @Test
  void oneCorrelatedPairGivesOneMinusAndOnePlusItsCorrelation() {
    assertEquals(1.6 / 0.4, ConditionNumber.ofEquilibrated(1, 0.6, 0, 1, 0, 1), 1e-12);
  }

  @Test
  void theUnitsOfTheColumnsDoNotMatter() {
    // The same matrix with its second column in thousands and its third in millionths.
    double s1 = 1e3;
    double s2 = 1e-6;
    assertEquals(
        4,
        ConditionNumber.ofEquilibrated(1, 0.5 * s1, 0.5 * s2, s1 * s1, 0.5 * s1 * s2, s2 * s2),
        1e-9);
  }

  @Test
  void collinearColumnsAreSingular() {
    // Third column = first + second: the Gram matrix of (1,0), (0,1), (1,1).
    double condition = ConditionNumber.ofEquilibrated(1, 0, 1, 1, 1, 2);
    assertTrue(condition > 1e12, "condition " + condition);
  }

  @Test
  void aColumnNeverSeenHasNoConditionNumber() {
    assertTrue(Double.isNaN(ConditionNumber.ofEquilibrated(1, 0, 0, 0, 0, 1)));
  }
}
