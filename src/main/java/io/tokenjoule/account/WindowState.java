package io.tokenjoule.account;

/** What a server's window can say about its joules per token. */
public enum WindowState {
  /** No valid interval yet (just started, or every reading failed): nothing to say. */
  EMPTY,
  /** No token generated over the window: there is no J/token, not 0 or infinity. */
  IDLE,
  /**
   * Requests run, but the token counter has not moved for longer than it ever does: the tokens in
   * flight are unknown (a counter that moves when requests finish, while a new, larger batch warms
   * up), so no J/token can be bounded until it moves.
   */
  COUNTING,
  /**
   * The load started or stopped inside the window: one idle stretch at its start or end. J/token is
   * measured and all-in (the idle energy counts, as it does on the bill), so it climbs while a
   * server drains; it is not a steady figure, and baselines neither learn from it nor judge it.
   */
  RAMP,
  /** Busy throughout, or with idle gaps inside it: a measured, steady figure. */
  STEADY;

  /** Whether the window has a J/token figure at all. */
  public boolean measured() {
    return this == RAMP || this == STEADY;
  }

  /** The Prometheus label value. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
