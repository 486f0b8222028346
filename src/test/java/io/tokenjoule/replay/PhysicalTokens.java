package io.tokenjoule.replay;

import io.tokenjoule.replay.Recording.Line;
import java.util.ArrayList;
import java.util.List;

/**
 * The generated tokens a recorded GPU physically produced up to any instant, as opposed to what its
 * counter showed then.
 *
 * <p>Each rise of the counter between two lines is a lump of tokens that accrued linearly from the
 * moment its work began to the line where the counter showed it. The work began at the previous
 * rise (the previous batch finished) or, when the server was idle in between, where the prompt
 * counter rose (a batch was admitted), whichever is later. For a counter that moves at every decode
 * step, a rise is the work of one line spacing and this is the counter itself, interpolated; for
 * one that moves once per finished batch, the batch's tokens are spread over the time it took.
 */
final class PhysicalTokens {

  /** One lump: {@code tokens} accrued linearly over {@code [start, end]} seconds. */
  private record Lump(double start, double end, double tokens) {}

  private final List<Lump> lumps = new ArrayList<>();
  private final double initial;

  PhysicalTokens(Recording recording) {
    List<Line> lines = recording.lines();
    initial = lines.get(0).generated();
    int previousRise = 0;
    for (int j = 1; j < lines.size(); j++) {
      double rise = lines.get(j).generated() - lines.get(j - 1).generated();
      if (rise <= 0) {
        continue;
      }
      double start = workStart(lines, previousRise, j);
      lumps.add(new Lump(start, lines.get(j).t(), rise));
      previousRise = j;
    }
  }

  /**
   * Where the tokens shown at line {@code rise} began: the latest prompt rise in {@code
   * [previousRise, rise)} (its line's predecessor, since the prompt rose somewhere between the
   * two), not before {@code previousRise}; a prompt rise only at line {@code rise} itself means the
   * work fitted in that last spacing.
   */
  private static double workStart(List<Line> lines, int previousRise, int rise) {
    for (int q = rise - 1; q >= Math.max(previousRise, 1); q--) {
      if (lines.get(q).prompt() > lines.get(q - 1).prompt()) {
        return Math.max(lines.get(previousRise).t(), lines.get(q - 1).t());
      }
    }
    if (lines.get(rise).prompt() > lines.get(rise - 1).prompt()) {
      return lines.get(rise - 1).t();
    }
    return lines.get(previousRise).t();
  }

  /** Whether tokens were accruing at {@code t}: the server was working. */
  boolean busyAt(double t) {
    for (Lump lump : lumps) {
      if (t > lump.start() && t <= lump.end()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Tokens physically generated from the recording's start to {@code t} (s from its first line).
   */
  double at(double t) {
    double total = initial;
    for (Lump lump : lumps) {
      if (t >= lump.end()) {
        total += lump.tokens();
      } else if (t > lump.start()) {
        total += lump.tokens() * (t - lump.start()) / (lump.end() - lump.start());
      }
    }
    return total;
  }
}
