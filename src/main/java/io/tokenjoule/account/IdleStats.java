package io.tokenjoule.account;

/**
 * What a server's GPUs draw while it idles: an interval between two anchors is idle when the server
 * produced no tokens in it and ran no requests at either end (when it reports running requests).
 *
 * @param energyJoulesTotal energy attributed to the server over its idle intervals since the agent
 *     started
 * @param powerWatts mean power over the most recent idle stretch (consecutive idle intervals, up to
 *     one window long), kept while the server is busy again, since it is the floor its GPUs return
 *     to; NaN until the server was first seen idle
 */
public record IdleStats(double energyJoulesTotal, double powerWatts) {

  /** Never seen idle. */
  public static final IdleStats NEVER_IDLE = new IdleStats(0, Double.NaN);
}
