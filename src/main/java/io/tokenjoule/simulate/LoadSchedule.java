package io.tokenjoule.simulate;

import java.util.List;

/**
 * How busy a simulated server is over time: a load in [0, 1], where 1 means its full token rate.
 * Time is seconds since the simulation started.
 */
@FunctionalInterface
public interface LoadSchedule {

  /** The load at {@code secondsSinceStart}; must lie in [0, 1]. */
  double loadAt(double secondsSinceStart);

  /** The same load forever. */
  static LoadSchedule constant(double load) {
    requireLoad(load);
    return t -> load;
  }

  /** Phases played one after another, then again from the first, forever. */
  static LoadSchedule cycle(List<Phase> phases) {
    List<Phase> copy = List.copyOf(phases);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a load cycle needs at least one phase");
    }
    double period = copy.stream().mapToDouble(Phase::seconds).sum();
    return t -> {
      double inCycle = t % period;
      for (Phase phase : copy) {
        if (inCycle < phase.seconds()) {
          return phase.load();
        }
        inCycle -= phase.seconds();
      }
      return copy.get(copy.size() - 1).load();
    };
  }

  /** A stretch of constant load. */
  record Phase(double seconds, double load) {
    public Phase {
      if (!(seconds > 0)) {
        throw new IllegalArgumentException("a phase must last > 0 s, got " + seconds);
      }
      requireLoad(load);
    }
  }

  private static void requireLoad(double load) {
    if (!(load >= 0 && load <= 1)) {
      throw new IllegalArgumentException("load must be in [0, 1], got " + load);
    }
  }
}
