package io.tokenjoule.account.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrefillDecodeFitTest {

  private static final double A = 0.03;
  private static final double B = 0.25;
  private static final double C = 90;

  private static final FitSettings NO_OUTLIER_WEIGHTING =
      new FitSettings(3600, 30, 1e4, 0.1, Double.POSITIVE_INFINITY);

  @Test
  void matchesBatchWeightedLeastSquaresWithForgettingOverIntervalsOfMixedLengths() {
    double horizon = 200;
    PrefillDecodeFit fit = new PrefillDecodeFit(NO_OUTLIER_WEIGHTING.withHorizonSeconds(horizon));
    SyntheticServer server = new SyntheticServer(11, A, B, C).noise(20);
    Random lengths = new Random(5);
    List<double[]> intervals = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      double seconds = 0.5 + 2.5 * lengths.nextDouble();
      double generated = 2000 * lengths.nextDouble() * seconds;
      double prompt = generated * (1 + 5 * lengths.nextDouble());
      double energy = server.energy(seconds, prompt, generated);
      intervals.add(new double[] {seconds, prompt, generated, energy});
      assertTrue(fit.add(seconds, prompt, generated, energy));
    }

    BatchFit batch = BatchFit.of(intervals, horizon);
    SplitEstimate estimate = fit.estimate();
    assertEquals(SplitStatus.PUBLISHED, estimate.status());
    assertEquals(batch.coefficients[1], estimate.joulesPerPrefillToken(), 1e-9 * A);
    assertEquals(batch.coefficients[2], estimate.joulesPerDecodeToken(), 1e-9 * B);
    assertEquals(batch.coefficients[0], estimate.staticWatts(), 1e-9 * C);
    assertEquals(batch.rSquared, estimate.rSquared(), 1e-9);
    assertEquals(batch.effectiveSamples, estimate.effectiveSamples(), 1e-9);
    assertEquals(batch.standardErrors[1], estimate.prefillStandardError(), 1e-6 * A);
    assertEquals(batch.standardErrors[2], estimate.decodeStandardError(), 1e-6 * B);
    assertEquals(batch.standardErrors[0], estimate.staticStandardError(), 1e-6 * C);
  }

  @Test
  void exactIntervalsGiveExactCoefficients() {
    PrefillDecodeFit fit = new PrefillDecodeFit(FitSettings.defaults());
    new SyntheticServer(1, A, B, C).feed(fit, 100, 1);

    SplitEstimate estimate = fit.estimate();
    assertEquals(A, estimate.joulesPerPrefillToken(), 1e-9 * A);
    assertEquals(B, estimate.joulesPerDecodeToken(), 1e-9 * B);
    assertEquals(C, estimate.staticWatts(), 1e-9 * C);
    assertEquals(1, estimate.rSquared(), 1e-12);
  }

  @Test
  void recoversTheTruthFromNoisyIntervalsWithinItsStandardErrors() {
    PrefillDecodeFit fit = new PrefillDecodeFit(FitSettings.defaults());
    new SyntheticServer(2, A, B, C).noise(10).feed(fit, 900, 1);

    SplitEstimate estimate = fit.estimate();
    assertEquals(SplitStatus.PUBLISHED, estimate.status());
    assertEquals(A, estimate.joulesPerPrefillToken(), 3 * estimate.prefillStandardError());
    assertEquals(B, estimate.joulesPerDecodeToken(), 3 * estimate.decodeStandardError());
    assertEquals(C, estimate.staticWatts(), 3 * estimate.staticStandardError());
    assertEquals(A, estimate.joulesPerPrefillToken(), 0.01 * A);
    assertEquals(B, estimate.joulesPerDecodeToken(), 0.01 * B);
    assertEquals(C, estimate.staticWatts(), 0.01 * C);
    assertTrue(estimate.rSquared() > 0.99 && estimate.rSquared() < 1, "R² " + estimate.rSquared());
  }

  @Test
  void aLongIntervalWeighsAsManyOneSecondIntervalsAsItLasts() {
    FitSettings noForgetting = NO_OUTLIER_WEIGHTING.withHorizonSeconds(1e12);
    PrefillDecodeFit whole = new PrefillDecodeFit(noForgetting);
    PrefillDecodeFit cut = new PrefillDecodeFit(noForgetting);
    new SyntheticServer(3, A, B, C).noise(10).feed(whole, 200, 1);
    new SyntheticServer(3, A, B, C).noise(10).feed(cut, 200, 1);

    // A 30 s scrape gap whose energy reads 20% high: as one interval, or as its 30 seconds.
    double prompt = 30 * 3000;
    double generated = 30 * 1000;
    double energy = 1.2 * (A * prompt + B * generated + C * 30);
    whole.add(30, prompt, generated, energy);
    for (int i = 0; i < 30; i++) {
      cut.add(1, prompt / 30, generated / 30, energy / 30);
    }

    SplitEstimate one = whole.estimate();
    SplitEstimate thirty = cut.estimate();
    assertEquals(thirty.joulesPerPrefillToken(), one.joulesPerPrefillToken(), 1e-9 * A);
    assertEquals(thirty.joulesPerDecodeToken(), one.joulesPerDecodeToken(), 1e-9 * B);
    assertEquals(thirty.staticWatts(), one.staticWatts(), 1e-9 * C);
  }

  @Test
  void anOutlierIntervalBarelyMovesThePublishedFit() {
    SplitEstimate robust = afterOutlier(FitSettings.defaults());
    SplitEstimate plain =
        afterOutlier(
            new FitSettings(3600, 30, 1e4, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));

    assertEquals(SplitStatus.PUBLISHED, robust.status());
    assertEquals(A, robust.joulesPerPrefillToken(), 0.01 * A);
    assertEquals(B, robust.joulesPerDecodeToken(), 0.01 * B);
    assertEquals(C, robust.staticWatts(), 0.01 * C);
    // Without Huber's weights (and publishing however uncertain) the same interval drags the fit.
    assertEquals(SplitStatus.PUBLISHED, plain.status());
    assertTrue(
        Math.abs(plain.staticWatts() - C) > 0.1 * C, "unweighted static " + plain.staticWatts());
  }

  /** 600 s of clean intervals, then one 30 s interval that read three times its energy. */
  private static SplitEstimate afterOutlier(FitSettings settings) {
    PrefillDecodeFit fit = new PrefillDecodeFit(settings);
    new SyntheticServer(4, A, B, C).noise(5).feed(fit, 600, 1);
    double prompt = 30 * 3000;
    double generated = 30 * 1000;
    fit.add(30, prompt, generated, 3 * (A * prompt + B * generated + C * 30));
    return fit.estimate();
  }

  @Test
  void followsAChangeOverAboutOneHorizon() {
    double horizon = 300;
    PrefillDecodeFit fit = new PrefillDecodeFit(FitSettings.defaults().withHorizonSeconds(horizon));
    SyntheticServer server = new SyntheticServer(7, A, B, C).noise(5);
    server.feed(fit, 1200, 1);
    assertEquals(A, fit.estimate().joulesPerPrefillToken(), 0.01 * A);

    double newA = 1.5 * A;
    double newB = 0.8 * B;
    double newC = C + 20;
    server.setTruth(newA, newB, newC);
    server.feed(fit, (int) horizon, 1);
    SplitEstimate afterOne = fit.estimate();
    // One horizon on, the old intervals still weigh about e⁻¹ of the total: most of the way.
    double moved = (afterOne.joulesPerPrefillToken() - A) / (newA - A);
    assertTrue(moved > 0.5 && moved < 0.9, "moved " + moved + " of the way in one horizon");

    server.feed(fit, (int) (4 * horizon), 1);
    SplitEstimate afterFive = fit.estimate();
    assertEquals(SplitStatus.PUBLISHED, afterFive.status());
    assertEquals(newA, afterFive.joulesPerPrefillToken(), 0.01 * newA);
    assertEquals(newB, afterFive.joulesPerDecodeToken(), 0.01 * newB);
    assertEquals(newC, afterFive.staticWatts(), 0.01 * newC);
  }

  @Test
  void aConstantMixAtAConstantLoadPublishesNothing() {
    assertNothingPublished(new SyntheticServer(8, A, B, C).noise(5).fixedMix().fixedLoad());
  }

  @Test
  void onlyThePromptVaryingPublishesNothing() {
    // A constant generated rate cannot be told apart from static power.
    assertNothingPublished(new SyntheticServer(9, A, B, C).noise(5).fixedLoad());
  }

  @Test
  void promptAndGeneratedInAFixedRatioPublishNothing() {
    // The load varies but the mix does not: prefill and decode cannot be told apart.
    assertNothingPublished(new SyntheticServer(10, A, B, C).noise(5).fixedMix());
  }

  private static void assertNothingPublished(SyntheticServer server) {
    PrefillDecodeFit fit = new PrefillDecodeFit(FitSettings.defaults());
    server.feed(fit, 3600, 1);

    SplitEstimate estimate = fit.estimate();
    assertEquals(SplitStatus.NO_VARIETY, estimate.status());
    assertFalse(estimate.wellConditioned());
    assertTrue(
        estimate.conditionNumber() > FitSettings.defaults().maxConditionNumber(),
        "condition number " + estimate.conditionNumber());
    assertTrue(Double.isNaN(estimate.joulesPerPrefillToken()));
    assertTrue(Double.isNaN(estimate.joulesPerDecodeToken()));
    assertTrue(Double.isNaN(estimate.staticWatts()));
    assertTrue(Double.isNaN(estimate.rSquared()));
  }

  @Test
  void publishesOnlyOnceThereAreEnoughEffectiveIntervals() {
    PrefillDecodeFit fit = new PrefillDecodeFit(FitSettings.defaults());
    assertEquals(SplitStatus.TOO_FEW_SAMPLES, fit.estimate().status());
    assertEquals(0, fit.estimate().effectiveSamples());
    SyntheticServer server = new SyntheticServer(12, A, B, C);
    server.feed(fit, 29, 1);
    assertEquals(SplitStatus.TOO_FEW_SAMPLES, fit.estimate().status());
    assertTrue(Double.isNaN(fit.estimate().joulesPerDecodeToken()));
    server.feed(fit, 2, 1);
    assertEquals(SplitStatus.PUBLISHED, fit.estimate().status());
  }

  @Test
  void noiseThatHidesTheSplitPublishesNothing() {
    PrefillDecodeFit fit = new PrefillDecodeFit(FitSettings.defaults());
    new SyntheticServer(13, A, B, C).noise(3000).feed(fit, 60, 1);

    assertEquals(SplitStatus.TOO_UNCERTAIN, fit.estimate().status());
    assertTrue(Double.isNaN(fit.estimate().joulesPerPrefillToken()));
  }

  @Test
  void energyThatFallsWithPromptTokensIsImplausible() {
    PrefillDecodeFit fit = new PrefillDecodeFit(FitSettings.defaults());
    new SyntheticServer(14, -0.01, B, C).noise(1).feed(fit, 300, 1);

    assertEquals(SplitStatus.IMPLAUSIBLE, fit.estimate().status());
    assertTrue(Double.isNaN(fit.estimate().joulesPerPrefillToken()));
  }

  @Test
  void aLongIdleSpellStopsPublicationWithoutBlowingUpAndVarietyBringsItBack() {
    PrefillDecodeFit fit = new PrefillDecodeFit(FitSettings.defaults());
    SyntheticServer server = new SyntheticServer(15, A, B, C).noise(5);
    server.feed(fit, 1800, 1);
    assertEquals(SplitStatus.PUBLISHED, fit.estimate().status());

    // Idle intervals inform only the static power; what the fit knew of tokens fades.
    Random noise = new Random(16);
    idle(fit, 3600, noise);
    SplitEstimate afterAnHour = fit.estimate();
    assertEquals(SplitStatus.PUBLISHED, afterAnHour.status());
    assertEquals(A, afterAnHour.joulesPerPrefillToken(), 0.01 * A);
    // 1800 s of tokens weigh 3600 × (1 − e^-0.5) samples, then e^-1 of that after the hour.
    double samples = 3600 * (1 - Math.exp(-0.5)) * Math.exp(-1);
    assertEquals(samples, afterAnHour.effectiveSamples(), 1e-3 * samples);

    idle(fit, 10 * 86_400, noise);
    SplitEstimate afterTenDays = fit.estimate();
    assertEquals(SplitStatus.TOO_FEW_SAMPLES, afterTenDays.status());
    assertTrue(Double.isNaN(afterTenDays.joulesPerDecodeToken()));

    server.feed(fit, 1800, 1);
    SplitEstimate back = fit.estimate();
    assertEquals(SplitStatus.PUBLISHED, back.status());
    assertEquals(A, back.joulesPerPrefillToken(), 0.01 * A);
    assertEquals(B, back.joulesPerDecodeToken(), 0.01 * B);
    assertEquals(C, back.staticWatts(), 0.01 * C);
  }

  private static void idle(PrefillDecodeFit fit, int seconds, Random noise) {
    for (int i = 0; i < seconds; i++) {
      fit.add(1, 0, 0, C + 5 * noise.nextGaussian());
    }
  }

  @Test
  void anIntervalManyHorizonsLongForgetsEverythingBeforeIt() {
    PrefillDecodeFit fit = new PrefillDecodeFit(FitSettings.defaults());
    new SyntheticServer(17, A, B, C).feed(fit, 600, 1);
    double seconds = 3600 * 1000;
    fit.add(seconds, 1e6 * seconds, 1e3 * seconds, (A * 1e6 + B * 1e3 + C) * seconds);

    assertEquals(SplitStatus.TOO_FEW_SAMPLES, fit.estimate().status());
    assertEquals(1, fit.estimate().effectiveSamples(), 1e-12);
  }

  @Test
  void refusesIntervalsOutOfRangeAndChangesNothing() {
    PrefillDecodeFit fit = new PrefillDecodeFit(FitSettings.defaults());
    new SyntheticServer(18, A, B, C).noise(5).feed(fit, 100, 1);
    SplitEstimate before = fit.estimate();

    assertFalse(fit.add(0, 100, 100, 100));
    assertFalse(fit.add(-1, 100, 100, 100));
    assertFalse(fit.add(Double.NaN, 100, 100, 100));
    assertFalse(fit.add(Double.POSITIVE_INFINITY, 100, 100, 100));
    assertFalse(fit.add(1, -1, 100, 100));
    assertFalse(fit.add(1, 100, Double.NaN, 100));
    assertFalse(fit.add(1, 100, Double.POSITIVE_INFINITY, 100));
    assertFalse(fit.add(1, 100, 100, Double.NaN));
    assertFalse(fit.add(1, 100, 100, Double.NEGATIVE_INFINITY));

    assertSame(before, fit.estimate());
  }

  @Test
  void estimatesOncePerInterval() {
    PrefillDecodeFit fit = new PrefillDecodeFit(FitSettings.defaults());
    SyntheticServer server = new SyntheticServer(19, A, B, C).noise(5);
    server.feed(fit, 100, 1);
    SplitEstimate first = fit.estimate();
    assertSame(first, fit.estimate());
    server.feed(fit, 1, 1);
    assertNotEquals(first, fit.estimate());
  }

  /**
   * The same fit done the slow way: normal equations of duration- and forgetting-weighted least
   * squares on per-second rates, solved by Gaussian elimination.
   */
  private record BatchFit(
      double[] coefficients, double rSquared, double effectiveSamples, double[] standardErrors) {

    static BatchFit of(List<double[]> intervals, double horizon) {
      int n = intervals.size();
      // An interval's forgetting: exp(-seconds of the intervals after it / horizon).
      double[] forgetting = new double[n];
      double later = 0;
      for (int i = n - 1; i >= 0; i--) {
        forgetting[i] = Math.exp(-later / horizon);
        later += intervals.get(i)[0];
      }
      double[][] normal = new double[3][4];
      double weightSum = 0;
      double forgettingSum = 0;
      double forgettingSquares = 0;
      double forgettingWeightSum = 0;
      double weightedPower = 0;
      for (int i = 0; i < n; i++) {
        double weight = forgetting[i] * intervals.get(i)[0];
        double[] x = regressors(intervals.get(i));
        double y = intervals.get(i)[3] / intervals.get(i)[0];
        for (int r = 0; r < 3; r++) {
          for (int c = 0; c < 3; c++) {
            normal[r][c] += weight * x[r] * x[c];
          }
          normal[r][3] += weight * x[r] * y;
        }
        weightSum += weight;
        forgettingSum += forgetting[i];
        forgettingSquares += forgetting[i] * forgetting[i];
        forgettingWeightSum += forgetting[i] * weight;
        weightedPower += weight * y;
      }
      double[] theta = solve(copy(normal), 3);
      double meanPower = weightedPower / weightSum;
      double residuals = 0;
      double total = 0;
      for (int i = 0; i < n; i++) {
        double weight = forgetting[i] * intervals.get(i)[0];
        double[] x = regressors(intervals.get(i));
        double y = intervals.get(i)[3] / intervals.get(i)[0];
        double residual = y - (theta[0] * x[0] + theta[1] * x[1] + theta[2] * x[2]);
        residuals += weight * residual * residual;
        total += weight * (y - meanPower) * (y - meanPower);
      }
      double effective = forgettingSum * forgettingSum / forgettingSquares;
      double variance =
          residuals / forgettingSum * effective / (effective - 3) * forgettingWeightSum / weightSum;
      double[] errors = new double[3];
      for (int j = 0; j < 3; j++) {
        double[][] system = copy(normal);
        for (int r = 0; r < 3; r++) {
          system[r][3] = r == j ? 1 : 0;
        }
        errors[j] = Math.sqrt(variance * solve(system, 3)[j]);
      }
      return new BatchFit(theta, 1 - residuals / total, forgettingSum, errors);
    }

    private static double[][] copy(double[][] matrix) {
      double[][] copy = new double[matrix.length][];
      for (int r = 0; r < matrix.length; r++) {
        copy[r] = matrix[r].clone();
      }
      return copy;
    }

    private static double[] regressors(double[] interval) {
      return new double[] {1, interval[1] / interval[0], interval[2] / interval[0]};
    }

    private static double[] solve(double[][] augmented, int size) {
      for (int pivot = 0; pivot < size; pivot++) {
        int best = pivot;
        for (int r = pivot + 1; r < size; r++) {
          if (Math.abs(augmented[r][pivot]) > Math.abs(augmented[best][pivot])) {
            best = r;
          }
        }
        double[] swap = augmented[pivot];
        augmented[pivot] = augmented[best];
        augmented[best] = swap;
        for (int r = pivot + 1; r < size; r++) {
          double factor = augmented[r][pivot] / augmented[pivot][pivot];
          for (int c = pivot; c <= size; c++) {
            augmented[r][c] -= factor * augmented[pivot][c];
          }
        }
      }
      double[] x = new double[size];
      for (int r = size - 1; r >= 0; r--) {
        double sum = augmented[r][size];
        for (int c = r + 1; c < size; c++) {
          sum -= augmented[r][c] * x[c];
        }
        x[r] = sum / augmented[r][r];
      }
      return x;
    }
  }
}
