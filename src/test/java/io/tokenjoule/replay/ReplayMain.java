package io.tokenjoule.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenjoule.config.DurationSyntax;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code scripts/gpu-acceptance/replay.sh FILE.jsonl [--window 20s] [--seed 1] [--prompt-tokens
 * 128]}: replays a recorded run through the agent and prints one JSON line per agent window, then
 * the coverage of its error bound against the physical truth.
 */
public final class ReplayMain {

  private ReplayMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args[0].startsWith("-")) {
      usage("a recording FILE.jsonl is required");
    }
    Path file = Path.of(args[0]);
    double window = 20;
    long seed = 1;
    double promptPerRequest = 128;
    for (int i = 1; i < args.length; i++) {
      if (i + 1 >= args.length) {
        usage(args[i] + " needs a value");
      }
      String value = args[++i];
      switch (args[i - 1]) {
        case "--window" -> window = seconds(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--prompt-tokens" -> promptPerRequest = Double.parseDouble(value);
        default -> usage("unknown option " + args[i - 1]);
      }
    }
    Recording recording = Recording.read(file);
    PhysicalTokens physical = new PhysicalTokens(recording);
    ReplayRun.Result result =
        new ReplayRun(
                recording,
                new RunningRequests(recording, physical, promptPerRequest),
                recording.movesInLumps(physical),
                window,
                0.02,
                seed)
            .run();
    ReplayVerdict verdict = new ReplayVerdict(recording, physical, result.windows(), 1);
    double origin = recording.originEpochSeconds();
    ObjectMapper json = new ObjectMapper();
    for (WindowFigure figure : result.windows()) {
      if (!(figure.lengthSeconds() > 0)) {
        continue; // no interval yet: no window to speak of
      }
      ObjectNode line = json.createObjectNode();
      line.put("end", origin + figure.endSeconds());
      line.put("window_s", figure.lengthSeconds());
      putOrNull(line, "j_per_generated_token", figure.joulesPerGeneratedToken(), figure);
      putOrNull(line, "uncertainty_ratio", figure.uncertainty(), figure);
      System.out.println(json.writeValueAsString(line));
    }
    for (String bad : result.badPageLines()) {
      System.out.println("# bad value on the page: " + bad);
    }
    System.out.println(verdict.summary());
  }

  private static void putOrNull(ObjectNode line, String field, double value, WindowFigure figure) {
    if (figure.measured()) {
      line.put(field, value);
    } else {
      line.putNull(field);
    }
  }

  private static double seconds(String text) {
    return DurationSyntax.parse(text).toNanos() / 1e9;
  }

  private static void usage(String problem) {
    System.err.println(
        String.format(
            Locale.ROOT,
            "replay: %s%nusage: replay.sh FILE.jsonl [--window 20s] [--seed 1] [--prompt-tokens 128]",
            problem));
    System.exit(2);
  }
}
