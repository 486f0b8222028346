package io.tokenjoule.account;

/**
 * The energy attributed to one server since the agent started, by how it was attributed (J). The
 * four add up to the server's {@link ServerAccount#energyJoulesTotal()} (up to rounding).
 */
public record AttributedEnergy(
    double exclusiveJoules,
    double smUtilizationJoules,
    double tokenShareJoules,
    double idleEvenJoules) {

  public AttributedEnergy {
    if (!(exclusiveJoules >= 0)
        || !(smUtilizationJoules >= 0)
        || !(tokenShareJoules >= 0)
        || !(idleEvenJoules >= 0)) {
      throw new IllegalArgumentException("attributed energy must be >= 0");
    }
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
      default:
        throw new AssertionError(method);
    }
  }
}
