package io.tokenjoule.account;

/**
 * The energy attributed to one server since the agent started, by how it was attributed (J). They
 * add up to the server's {@link ServerAccount#energyJoulesTotal()} (up to rounding).
 *
 * @param hostJoules the host's own energy charged to the server ({@link AttributionMethod#HOST}), 0
 *     unless {@code energy.include} has {@code host}
 */
public record AttributedEnergy(
    double exclusiveJoules,
    double smUtilizationJoules,
    double tokenShareJoules,
    double idleEvenJoules,
    double hostJoules) {

  public AttributedEnergy {
    if (!(exclusiveJoules >= 0)
        || !(smUtilizationJoules >= 0)
        || !(tokenShareJoules >= 0)
        || !(idleEvenJoules >= 0)
        || !(hostJoules >= 0)) {
      throw new IllegalArgumentException("attributed energy must be >= 0");
    }
  }

  /** GPU energy only, none of the host's. */
  public AttributedEnergy(
      double exclusiveJoules,
      double smUtilizationJoules,
      double tokenShareJoules,
      double idleEvenJoules) {
    this(exclusiveJoules, smUtilizationJoules, tokenShareJoules, idleEvenJoules, 0);
  }

  /** The joules attributed by {@code method}. */
  public double joules(AttributionMethod method) {
    switch (method) {
      case EXCLUSIVE:
        return exclusiveJoules;
      case SM_UTILIZATION:
        return smUtilizationJoules;
      case TOKEN_SHARE:
        return tokenShareJoules;
      case IDLE_EVEN:
        return idleEvenJoules;
      case HOST:
        return hostJoules;
      default:
        throw new AssertionError(method);
    }
  }
}
