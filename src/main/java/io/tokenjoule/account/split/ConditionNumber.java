package io.tokenjoule.account.split;

/**
 * The condition number of a 3×3 information matrix after equilibration: scaled to a unit diagonal
 * ({@code C = D^-½ M D^-½}, {@code D = diag(M)}), so that the units of the regressors (tokens per
 * second, thousands of them, or a constant) do not matter and only their collinearity does. This is
 * Belsley, Kuh and Welsch's column scaling for regression diagnostics, without centring, so that
 * collinearity with the constant counts.
 */
final class ConditionNumber {

  private ConditionNumber() {}

  /**
   * λmax / λmin of the equilibrated symmetric matrix with upper triangle {@code m00 m01 m02 / m11
   * m12 / m22}; +Infinity when it is singular or not positive definite, NaN when a diagonal entry
   * is not positive (a regressor never seen).
   */
  static double ofEquilibrated(
      double m00, double m01, double m02, double m11, double m12, double m22) {
    if (!(m00 > 0 && m11 > 0 && m22 > 0)) {
      return Double.NaN;
    }
    double c01 = m01 / Math.sqrt(m00 * m11);
    double c02 = m02 / Math.sqrt(m00 * m22);
    double c12 = m12 / Math.sqrt(m11 * m22);
    // Eigenvalues of C are 1 + those of B = C - I, which has a zero trace; for those, the
    // trigonometric solution of the characteristic cubic (Smith, CACM 1961) is closed and stable.
    // acos(h) is taken as atan2(√(1 − h²), h): Java 17's acos takes ~0.2 µs for |h| > 0.5, more
    // than the rest of an update of the fit, atan2 a tenth of that.
    double offDiagonalSquares = c01 * c01 + c02 * c02 + c12 * c12;
    if (offDiagonalSquares == 0) {
      return 1;
    }
    double p = Math.sqrt(offDiagonalSquares / 3);
    double halfDeterminant = c01 * c02 * c12 / (p * p * p);
    double h = Math.max(-1, Math.min(1, halfDeterminant));
    double phi = Math.atan2(Math.sqrt((1 - h) * (1 + h)), h) / 3;
    double largest = 1 + 2 * p * Math.cos(phi);
    double smallest = 1 + 2 * p * Math.cos(phi + 2 * Math.PI / 3);
    return smallest > 0 ? largest / smallest : Double.POSITIVE_INFINITY;
  }
}
