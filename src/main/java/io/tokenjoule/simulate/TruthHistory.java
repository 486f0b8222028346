package io.tokenjoule.simulate;

/**
 * A ring of one server's cumulative true energy and tokens, one point per simulation step, so the
 * truth between any two recent instants can be read back. Load and mix are constant within a step,
 * so linear interpolation between points is exact. Not thread-safe: {@link SimulatedWorld} guards
 * it.
 */
final class TruthHistory {

  private final double[] times;
  private final double[] energy;
  private final double[] prompt;
  private final double[] generated;
  private int newest = -1;
  private int size;

  TruthHistory(int capacity) {
    times = new double[capacity];
    energy = new double[capacity];
    prompt = new double[capacity];
    generated = new double[capacity];
  }

  void record(double time, double energyJoules, double promptTokens, double generatedTokens) {
    newest = (newest + 1) % times.length;
    times[newest] = time;
    energy[newest] = energyJoules;
    prompt[newest] = promptTokens;
    generated[newest] = generatedTokens;
    size = Math.min(size + 1, times.length);
  }

  /** The truth between two instants that both lie within the recorded history. */
  GroundTruth between(double from, double to) {
    if (!(from <= to)) {
      throw new IllegalArgumentException("truth interval must have from <= to");
    }
    double[] start = at(from);
    double[] end = at(to);
    return new GroundTruth(from, to, end[0] - start[0], end[1] - start[1], end[2] - start[2]);
  }

  private double[] at(double time) {
    if (size < 2) {
      throw new IllegalStateException("the simulation has not run long enough to know its truth");
    }
    int oldest = (newest - size + 1 + times.length) % times.length;
    if (time > times[newest] && time <= times[newest] + SimulatedWorld.STEP_SECONDS) {
      // Inside the step in progress: carry on at the last step's rate.
      int previous = (newest - 1 + times.length) % times.length;
      double f = (time - times[previous]) / (times[newest] - times[previous]);
      return new double[] {
        energy[previous] + f * (energy[newest] - energy[previous]),
        prompt[previous] + f * (prompt[newest] - prompt[previous]),
        generated[previous] + f * (generated[newest] - generated[previous])
      };
    }
    if (time < times[oldest] || time > times[newest]) {
      throw new IllegalArgumentException(
          String.format(
              "time %.3f s lies outside the recorded truth [%.3f, %.3f] s",
              time, times[oldest], times[newest]));
    }
    int low = 0;
    int high = size - 1;
    while (high - low > 1) {
      int mid = (low + high) >>> 1;
      if (times[(oldest + mid) % times.length] <= time) {
        low = mid;
      } else {
        high = mid;
      }
    }
    int a = (oldest + low) % times.length;
    int b = (oldest + high) % times.length;
    double span = times[b] - times[a];
    double f = span > 0 ? (time - times[a]) / span : 0;
    return new double[] {
      energy[a] + f * (energy[b] - energy[a]),
      prompt[a] + f * (prompt[b] - prompt[a]),
      generated[a] + f * (generated[b] - generated[a])
    };
  }
}
