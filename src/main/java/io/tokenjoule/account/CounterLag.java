package io.tokenjoule.account;

import java.util.ArrayDeque;

/**
 * How far a server's token counters may lag the tokens its GPUs have actually made, learnt from the
 * counters' own increments over the last {@code horizonSeconds}.
 *
 * <p>A counter that moves at every decode step grows in proportion to time while the load holds;
 * one that moves when a request or a batch finishes holds, then jumps. At any instant such a
 * counter lags the truth by what is in flight, between nothing and a whole lump, so a window's
 * token count can be off by up to a lump at either end. Two things measure the lump:
 *
 * <ul>
 *   <li>the <em>jump</em>: the largest increase that ended a busy interval without any, the size of
 *       a lump seen whole;
 *   <li>the <em>quantum</em>: the greatest common divisor of the increases, the size of a lump when
 *       lumps land more often than the counter is read. The jump or the quantum divided by the
 *       requests that were in flight gives the tokens a running request holds back, so when more
 *       requests run now (a larger batch warming up) the lag bound grows with them. For a counter
 *       that moves per step the quantum is the requests in a step, one token each;
 *   <li>the <em>swing</em>, {@code max |Δcounter − rate × Δt|} over the busy intervals: the
 *       increase is the true increase minus the change of the lag, so its spread around the mean
 *       rate is how far the lag swings. It also holds the real rate's own variation, so it is used
 *       only for engines not known to count at every step; for those, the counter's increments vary
 *       as the rate does (prefill pauses, batch boundaries) and say nothing of a lag unless it
 *       falls silent while busy, which the jump catches (a server that says it counts per step but
 *       counts per batch).
 * </ul>
 *
 * <p>A counter that has not moved for more than twice its longest stretch without moving, with
 * requests running, is <em>overdue</em>: the work in flight (a new, larger batch warming up, say)
 * is larger than anything seen, and no bound can be given until it lands.
 *
 * <p>Not thread-safe.
 */
final class CounterLag {

  private final double horizonSeconds;
  private final ArrayDeque<Interval> busy = new ArrayDeque<>();
  private double lastMoveSeconds = Double.NaN;
  private boolean overdue;

  /**
   * @param horizonSeconds how far back increases are looked at (s): the window, so that the lag at
   *     a window's end accounts for every increase inside it
   */
  CounterLag(double horizonSeconds) {
    this.horizonSeconds = horizonSeconds;
  }

  /** Takes the server's next valid interval. */
  void add(Interval interval) {
    double end = interval.endSeconds();
    boolean isBusy = isBusy(interval);
    if (isBusy) {
      busy.addLast(interval);
    }
    while (!busy.isEmpty() && !(busy.peekFirst().endSeconds() > end - horizonSeconds)) {
      busy.removeFirst();
    }
    if (interval.generatedTokens() > 0 || !isBusy) {
      overdue = false;
      lastMoveSeconds = end;
    } else {
      overdue = end - lastMoveSeconds > 2 * longestStretchSeconds(interval.durationSeconds());
    }
  }

  /**
   * Forgets what was learnt: a counter restarted (the server restarted, perhaps with other
   * settings), so its past increments say nothing of the new one.
   */
  void forget() {
    busy.clear();
    lastMoveSeconds = Double.NaN;
    overdue = false;
  }

  /**
   * A server with requests running at either end, or that made tokens; one that reports no running
   * requests is busy when it made tokens. Idle stretches say nothing of a lag.
   */
  private static boolean isBusy(Interval interval) {
    return interval.generatedTokens() > 0
        || interval.promptTokens() > 0
        || interval.start().runningRequests() > 0
        || interval.end().runningRequests() > 0;
  }

  /**
   * The longest time between two moves of the generated counter within the horizon, and at least
   * {@code floorSeconds}.
   */
  private double longestStretchSeconds(double floorSeconds) {
    double longest = floorSeconds;
    double previousMove = Double.NaN;
    for (Interval interval : busy) {
      if (interval.generatedTokens() > 0) {
        if (!Double.isNaN(previousMove)) {
          longest = Math.max(longest, interval.endSeconds() - previousMove);
        }
        previousMove = interval.endSeconds();
      }
    }
    return longest;
  }

  /**
   * Whether the generated counter is overdue as of the last interval added: the tokens in flight
   * are unknown.
   */
  boolean overdue() {
    return overdue;
  }

  /**
   * How far the generated-token counter may lag, in tokens, as of the last interval added.
   *
   * @param everyStep whether the engine says its counters move at every step: their increments then
   *     vary as the real rate does, and only a jump after silence shows a lump
   * @param runningNow the requests running at the anchor the lag is for (NaN if unknown)
   */
  double generatedTokens(boolean everyStep, double runningNow) {
    return lump(true, everyStep, runningNow);
  }

  /** How far prompt plus generated tokens may lag, in tokens, as of the last interval added. */
  double allTokens(boolean everyStep, double runningNow) {
    return lump(false, everyStep, runningNow);
  }

  private double lump(boolean generatedOnly, boolean everyStep, double runningNow) {
    double tokens = 0;
    double seconds = 0;
    for (Interval interval : busy) {
      tokens += increase(interval, generatedOnly);
      seconds += interval.durationSeconds();
    }
    if (!(seconds > 0)) {
      return 0;
    }
    double rate = tokens / seconds;
    double lump = 0;
    double perRequest = 0;
    Interval previous = null;
    for (Interval interval : busy) {
      double increase = increase(interval, generatedOnly);
      if (!everyStep) {
        lump = Math.max(lump, Math.abs(increase - rate * interval.durationSeconds()));
      }
      if (previous != null
          && interval.follows(previous)
          && increase(previous, generatedOnly) == 0) {
        lump = Math.max(lump, increase);
        perRequest =
            Math.max(
                perRequest,
                perRequest(
                    increase,
                    Math.max(
                        previous.start().runningRequests(), interval.start().runningRequests())));
      }
      previous = interval;
    }
    long quantum = commonQuantum(generatedOnly);
    for (Interval interval : busy) {
      if (increase(interval, generatedOnly) > 0) {
        perRequest = Math.max(perRequest, perRequest(quantum, interval.start().runningRequests()));
      }
    }
    return runningNow > 0 ? Math.max(lump, perRequest * runningNow) : lump;
  }

  private static double perRequest(double tokens, double inFlight) {
    return inFlight > 0 ? tokens / inFlight : 0;
  }

  /**
   * The greatest common divisor of the busy increases, when they are whole numbers of at least two
   * sizes: a counter that moves by whole batches moves by multiples of a batch's tokens, however
   * many land between two reads, while one that moves per step moves by multiples of the requests
   * in a step. Increases all of one size cannot tell a lump per read from a steady rate, and a
   * fractional one (a rounded print) has no divisor: 0 then.
   */
  private long commonQuantum(boolean generatedOnly) {
    long quantum = 0;
    double first = Double.NaN;
    boolean varied = false;
    for (Interval interval : busy) {
      double increase = increase(interval, generatedOnly);
      if (increase == 0) {
        continue;
      }
      if (!(increase > 0) || increase != Math.rint(increase) || increase > 0x1p53) {
        return 0;
      }
      if (Double.isNaN(first)) {
        first = increase;
      } else {
        varied |= increase != first;
      }
      quantum = gcd(quantum, (long) increase);
    }
    return varied ? quantum : 0;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long r = a % b;
      a = b;
      b = r;
    }
    return a;
  }

  private static double increase(Interval interval, boolean generatedOnly) {
    return generatedOnly
        ? interval.generatedTokens()
        : interval.generatedTokens() + interval.promptTokens();
  }
}
