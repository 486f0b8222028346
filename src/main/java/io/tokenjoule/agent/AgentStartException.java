package io.tokenjoule.agent;

import java.util.Objects;

/**
 * The agent cannot start, or cannot go on: the message says why in a sentence for the operator, and
 * the reason says what kind of problem it is, which the command line turns into its exit code.
 */
public final class AgentStartException extends Exception {

  /** What kind of problem stopped the agent. */
  public enum Reason {
    /** No energy source can be opened here (NVML missing). */
    NO_ENERGY_SOURCE,
    /** The configuration does not fit this host (a GPU that is not here, say). */
    CONFIG_DOES_NOT_FIT,
    /** The HTTP endpoint cannot listen (port taken, address not local, unusable TLS files). */
    CANNOT_LISTEN
  }

  private final Reason reason;

  public AgentStartException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The configured servers' GPUs are not all on this host. */
  static AgentStartException doesNotFit(PlanException e) {
    return new AgentStartException(
        Reason.CONFIG_DOES_NOT_FIT,
        "the configuration does not fit this host:\n" + e.getMessage(),
        e);
  }

  public Reason reason() {
    return reason;
  }
}
