package io.tokenjoule.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded GPU run in the acceptance kit's format: one JSON line {@code {t, energy_mj, gen,
 * prompt}} per reference sample (wall-clock seconds, the NVML energy counter in mJ, the server's
 * generated and prompt token counters read at the same instant), at any spacing.
 *
 * <p>Between lines every quantity is interpolated linearly: the recording says nothing finer. Times
 * are seconds from the first line.
 */
record Recording(List<Line> lines, double originEpochSeconds) {

  /** One reference sample; {@code t} in seconds from the first line, energy in joules. */
  record Line(double t, double energyJoules, double generated, double prompt) {}

  Recording {
    lines = List.copyOf(lines);
    if (lines.size() < 2) {
      throw new IllegalArgumentException(
          "a recording needs at least two lines, got " + lines.size());
    }
    for (int i = 1; i < lines.size(); i++) {
      if (!(lines.get(i).t() > lines.get(i - 1).t())) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": t does not increase (" + lines.get(i).t() + ")");
      }
    }
  }

  /**
   * Reads a recording.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed line
   */
  static Recording read(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Line> lines = new ArrayList<>();
    double origin = Double.NaN;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int number = 0;
      while ((text = in.readLine()) != null) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        try {
          JsonNode node = json.readTree(text);
          double t = number(node, "t");
          if (Double.isNaN(origin)) {
            origin = t;
          }
          lines.add(
              new Line(
                  t - origin,
                  number(node, "energy_mj") / 1000,
                  number(node, "gen"),
                  number(node, "prompt")));
        } catch (IOException | IllegalArgumentException e) {
          throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage(), e);
        }
      }
    }
    return new Recording(lines, origin);
  }

  private static double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      throw new IllegalArgumentException("field " + field + " is missing or not a number");
    }
    return value.asDouble();
  }

  double duration() {
    return lines.get(lines.size() - 1).t();
  }

  double energyJoulesAt(double t) {
    return interpolate(t, Line::energyJoules);
  }

  double generatedAt(double t) {
    return interpolate(t, Line::generated);
  }

  double promptAt(double t) {
    return interpolate(t, Line::prompt);
  }

  /** The generated-token counter as last recorded at or before {@code t}. */
  double generatedHeldAt(double t) {
    return held(t).generated();
  }

  /** The prompt-token counter as last recorded at or before {@code t}. */
  double promptHeldAt(double t) {
    return held(t).prompt();
  }

  private Line held(double t) {
    return lines.get(Math.max(0, firstLineAfter(t) - 1));
  }

  /**
   * Whether the generated counter moves in lumps (once per finished batch or request): while the
   * server works, it holds still over a third or more of the line spacings. Such a counter is
   * served as recorded, jumping at the lines; one that moves at every step is served interpolated,
   * as it really moved between lines.
   */
  boolean movesInLumps(PhysicalTokens physical) {
    int busy = 0;
    int still = 0;
    for (int i = 1; i < lines.size(); i++) {
      Line a = lines.get(i - 1);
      Line b = lines.get(i);
      if (physical.busyAt((a.t() + b.t()) / 2)) {
        busy++;
        if (b.generated() == a.generated()) {
          still++;
        }
      }
    }
    return busy > 0 && still * 3 >= busy;
  }

  private double interpolate(double t, java.util.function.ToDoubleFunction<Line> value) {
    if (t <= 0) {
      return value.applyAsDouble(lines.get(0));
    }
    int after = firstLineAfter(t);
    if (after == lines.size()) {
      return value.applyAsDouble(lines.get(lines.size() - 1));
    }
    Line a = lines.get(after - 1);
    Line b = lines.get(after);
    double fraction = (t - a.t()) / (b.t() - a.t());
    return value.applyAsDouble(a) + fraction * (value.applyAsDouble(b) - value.applyAsDouble(a));
  }

  /** The index of the first line with {@code t > time}, or the line count. */
  private int firstLineAfter(double time) {
    int low = 0;
    int high = lines.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (lines.get(mid).t() > time) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  /**
   * This recording as a server that counts generated tokens once per finished batch would have
   * shown it: the counter holds until a whole batch is done, then jumps by the batch's tokens.
   * Batches are told apart by the prompt counter, which the kit's server advances by {@code prompt
   * per request × batch} as each batch starts; a batch generates {@code generatedPerPrompt} of
   * that.
   */
  Recording steppedPerBatch(double generatedPerPrompt) {
    List<Double> batchEnds = new ArrayList<>();
    double previousPrompt = lines.get(0).prompt();
    for (Line line : lines) {
      if (line.prompt() > previousPrompt) {
        batchEnds.add(line.prompt() * generatedPerPrompt);
        previousPrompt = line.prompt();
      }
    }
    List<Line> stepped = new ArrayList<>(lines.size());
    int done = 0;
    double counted = 0;
    for (Line line : lines) {
      while (done < batchEnds.size() && batchEnds.get(done) <= line.generated() + 0.5) {
        counted = batchEnds.get(done++);
      }
      stepped.add(new Line(line.t(), line.energyJoules(), counted, line.prompt()));
    }
    return new Recording(stepped, originEpochSeconds);
  }
}
