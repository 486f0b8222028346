package io.tokenjoule.account.economics;

/** Conversions between joules, the unit tokenjoule measures in, and the units bills are in. */
public final class EnergyUnits {

  public static final double JOULES_PER_WATT_HOUR = 3600;
  public static final double JOULES_PER_KILOWATT_HOUR = 3.6e6;

  private EnergyUnits() {}

  public static double kilowattHours(double joules) {
    return joules / JOULES_PER_KILOWATT_HOUR;
  }

  public static double wattHours(double joules) {
    return joules / JOULES_PER_WATT_HOUR;
  }
}
