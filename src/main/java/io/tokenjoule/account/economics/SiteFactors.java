package io.tokenjoule.account.economics;

/**
 * What the data centre adds to the energy the GPUs measure: cooling and power distribution (PUE)
 * and the water spent on it (WUE).
 *
 * <p>PUE multiplies IT energy into facility energy, which cost and carbon are computed from; a
 * figure computed with a PUE above 1 has {@code scope="facility"}, with exactly 1 {@code
 * scope="it"}. WUE is litres of site water per kWh of <em>IT</em> energy (The Green Grid's
 * definition), so water is computed from IT energy, without the PUE.
 *
 * @param pue power usage effectiveness, {@code >= 1}
 * @param wueLitersPerKwh water usage effectiveness (L/kWh of IT energy), {@code >= 0}, or NaN when
 *     not configured (then no water figures exist)
 */
public record SiteFactors(double pue, double wueLitersPerKwh) {

  /** GPU energy as measured: PUE 1, no water figures. */
  public static final SiteFactors IT_ONLY = new SiteFactors(1, Double.NaN);

  public SiteFactors {
    if (!(pue >= 1) || Double.isInfinite(pue)) {
      throw new IllegalArgumentException("PUE must be a finite number >= 1, got " + pue);
    }
    if (!Double.isNaN(wueLitersPerKwh)
        && (!(wueLitersPerKwh >= 0) || Double.isInfinite(wueLitersPerKwh))) {
      throw new IllegalArgumentException(
          "WUE must be a finite number >= 0 litres per kWh, got " + wueLitersPerKwh);
    }
  }

  /** {@code facility} when a PUE above 1 is applied, {@code it} otherwise. */
  public String scope() {
    return pue > 1 ? "facility" : "it";
  }

  /** The facility energy behind {@code itJoules} of GPU energy. */
  public double facilityJoules(double itJoules) {
    return itJoules * pue;
  }

  /** Litres of water behind {@code itJoules} of GPU energy; NaN when no WUE is configured. */
  public double waterLiters(double itJoules) {
    return EnergyUnits.kilowattHours(itJoules) * wueLitersPerKwh;
  }

  public boolean hasWater() {
    return !Double.isNaN(wueLitersPerKwh);
  }
}
