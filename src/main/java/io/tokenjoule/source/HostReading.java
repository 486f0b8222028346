package io.tokenjoule.source;

import java.util.Objects;

/** One host energy domain read at one instant; times are seconds on the agent's monotonic clock. */
public sealed interface HostReading permits HostReading.Up, HostReading.Down {

  HostDomain domain();

  double timestampSeconds();

  /**
   * A successful reading.
   *
   * @param energyJoules the domain's energy since the source opened plus its first reading, with
   *     the hardware counter's wrap-arounds undone: it only grows while the source is open
   * @param timeUncertaintySeconds half the duration of the read
   */
  record Up(
      HostDomain domain,
      double timestampSeconds,
      double timeUncertaintySeconds,
      double energyJoules)
      implements HostReading {
    public Up {
      Objects.requireNonNull(domain, "domain");
      if (!Double.isFinite(energyJoules) || energyJoules < 0) {
        throw new IllegalArgumentException(
            "energyJoules must be finite and >= 0, got " + energyJoules + " for " + domain.name());
      }
    }
  }

  /**
   * The domain could not be read: exported as {@code tokenjoule_host_energy_up 0}.
   *
   * @param reason a short, stable, label-safe reason such as {@code permission_denied}
   * @param detail a sentence for the operator, naming the file and what to do
   */
  record Down(HostDomain domain, double timestampSeconds, String reason, String detail)
      implements HostReading {
    public Down {
      Objects.requireNonNull(domain, "domain");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
