package io.tokenjoule.account.tenant;

/**
 * Energy and what it is worth: joules, money in the tariff's currency, and grams of CO2e. Money and
 * carbon are NaN where they are not known (no economics, no grid intensity).
 */
public record Charge(double joules, double cost, double carbonGrams) {

  public static final Charge NONE = new Charge(0, 0, 0);

  public Charge plus(Charge other) {
    return new Charge(joules + other.joules, cost + other.cost, carbonGrams + other.carbonGrams);
  }

  public Charge times(double factor) {
    return new Charge(joules * factor, cost * factor, carbonGrams * factor);
  }
}
