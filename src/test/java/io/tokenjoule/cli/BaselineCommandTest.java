package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenjoule.account.WindowStats;
import io.tokenjoule.account.baseline.BaselineSettings;
import io.tokenjoule.account.baseline.ServerBaseline;
import io.tokenjoule.state.BaselineReport;
import io.tokenjoule.state.BaselineStore;
import io.tokenjoule.state.StateDirectoryLock;
import io.tokenjoule.state.StoredBaselines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineCommandTest {

  private static final BaselineSettings SETTINGS =
      new BaselineSettings(60, 86_400, 3, 0.05, 100, 30);

  @TempDir Path dir;

  private double t0;
  private double savedAt;
  private Path file;

  @BeforeEach
  void saveTwoServers() throws Exception {
    // An hour ago, on a slot boundary: well within the one-day horizon when the command runs.
    t0 = Math.floor(System.currentTimeMillis() / 60_000.0) * 60 - 3600;
    ServerBaseline a = new ServerBaseline(SETTINGS);
    for (int i = 0; i < 3; i++) {
      a.observe(t0 + 60 * i, window(250, 1000, 10)); // 0.25 J/token at 10 requests
    }
    a.observe(t0 + 180, window(150, 1000, 40));
    a.observe(t0 + 240, window(150, 1000, 40));
    ServerBaseline b = new ServerBaseline(SETTINGS);
    b.observe(t0, window(500, 1000, 1));
    savedAt = t0 + 300;
    new BaselineStore(dir)
        .save(new StoredBaselines(savedAt, SETTINGS, Map.of("a", a.state(), "b", b.state())));
    file = dir.resolve("baselines.json");
  }

  private static WindowStats window(double joules, double tokens, double concurrency) {
    return new WindowStats(
        30,
        joules,
        0,
        tokens,
        Double.NaN,
        concurrency,
        joules / tokens,
        joules / tokens,
        Double.NaN,
        0.01,
        0.01);
  }

  private String at(double secondsAfterT0) {
    return BaselineReport.instant(t0 + secondsAfterT0);
  }

  @Test
  void showPrintsEachServersBuckets() {
    CommandRun run = CommandRun.of("baseline", "show", "--state-dir", dir.toString());
    assertEquals(0, run.exitCode(), run.err());
    String header =
        "  load       J/token      ref_concurrency  slots  oldest                newest\n";
    assertEquals(
        "baselines in "
            + file
            + ", saved "
            + at(300)
            + "\n"
            + "learned over 24h in 1m slots; a load bucket needs 3 slot(s)\n"
            + "\n"
            + "server a\n"
            + header
            + "  8-16       0.2500       10.00                3  "
            + at(0)
            + "  "
            + at(120)
            + "\n"
            + "  32-64      learning     -                    2  "
            + at(180)
            + "  "
            + at(240)
            + "\n"
            + "\n"
            + "server b\n"
            + header
            + "  1-2        learning     -                    1  "
            + at(0)
            + "  "
            + at(0)
            + "\n",
        run.out().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void showJsonHasTheBaselinesAsNumbers() throws Exception {
    CommandRun run = CommandRun.of("baseline", "show", "--json", "--state-dir", dir.toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertEquals(file.toString(), root.get("file").asText());
    assertEquals(at(300), root.get("saved_at").asText());
    assertEquals(3, root.get("settings").get("min_slots").asInt());
    JsonNode a = root.get("servers").get(0);
    assertEquals("a", a.get("server").asText());
    JsonNode learned = a.get("buckets").get(0);
    assertEquals("8-16", learned.get("bucket").asText());
    assertTrue(learned.get("learned").asBoolean());
    assertEquals(0.25, learned.get("baseline_joules_per_generated_token").asDouble());
    assertEquals(10, learned.get("reference_concurrency").asDouble());
    assertEquals(3, learned.get("slots").asInt());
    assertEquals(at(0), learned.get("oldest").asText());
    assertEquals(at(120), learned.get("newest").asText());
    JsonNode learning = a.get("buckets").get(1);
    assertTrue(learning.get("baseline_joules_per_generated_token").isNull());
    assertTrue(learning.get("reference_concurrency").isNull());
    assertEquals("b", root.get("servers").get(1).get("server").asText());
  }

  @Test
  void showWithoutAFileSaysSo() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CommandRun run = CommandRun.of("baseline", "show", "--state-dir", empty.toString());
    assertEquals(0, run.exitCode());
    assertEquals(
        "no baselines saved: " + empty.resolve("baselines.json") + " does not exist",
        run.out().strip());
    CommandRun json = CommandRun.of("baseline", "show", "--json", "--state-dir", empty.toString());
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertTrue(root.get("saved_at").isNull());
    assertEquals(0, root.get("servers").size());
  }

  @Test
  void showOfACorruptFileFailsAndLeavesItInPlace() throws Exception {
    Files.writeString(file, "{\"format_version\": 1,");
    CommandRun run = CommandRun.of("baseline", "show", "--state-dir", dir.toString());
    assertEquals(BaselineCommand.EXIT_FAILED, run.exitCode());
    assertTrue(
        run.err().startsWith("tokenjoule baseline show: " + file + ": not valid JSON: "),
        run.err());
    assertTrue(Files.exists(file));
  }

  @Test
  void resetOneServerKeepsTheOthers() throws Exception {
    CommandRun run =
        CommandRun.of("baseline", "reset", "--server", "a", "--state-dir", dir.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("reset the baselines of server a in " + file, run.out().strip());
    StoredBaselines left = new BaselineStore(dir).read().orElseThrow();
    assertEquals(List.of("b"), List.copyOf(left.servers().keySet()));
    assertEquals(SETTINGS, left.settings());
    assertEquals(1, left.servers().get("b").slots().size());
  }

  @Test
  void resetOfAnUnknownServerFailsAndChangesNothing() throws Exception {
    String before = Files.readString(file);
    CommandRun run =
        CommandRun.of("baseline", "reset", "--server", "zz", "--state-dir", dir.toString());
    assertEquals(BaselineCommand.EXIT_FAILED, run.exitCode());
    assertEquals(
        "tokenjoule baseline reset: no baseline for server zz in " + file + "; servers: [a, b]",
        run.err().strip());
    assertEquals(before, Files.readString(file));
  }

  @Test
  void resetAllForgetsEveryServer() throws Exception {
    CommandRun run = CommandRun.of("baseline", "reset", "--state-dir", dir.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("reset the baselines of 2 server(s) [a, b] in " + file, run.out().strip());
    StoredBaselines left = new BaselineStore(dir).read().orElseThrow();
    assertEquals(Map.of(), left.servers());
    assertEquals(SETTINGS, left.settings());
    CommandRun show = CommandRun.of("baseline", "show", "--state-dir", dir.toString());
    assertTrue(show.out().strip().endsWith("no servers"), show.out());
  }

  @Test
  void resetRefusesWhileTheAgentHoldsTheDirectory() throws Exception {
    String before = Files.readString(file);
    try (StateDirectoryLock agent = StateDirectoryLock.tryAcquire(dir).orElseThrow()) {
      CommandRun run = CommandRun.of("baseline", "reset", "--state-dir", dir.toString());
      assertEquals(BaselineCommand.EXIT_FAILED, run.exitCode());
      assertEquals(
          "tokenjoule baseline reset: another process holds "
              + dir.resolve("tokenjoule.lock")
              + ": stop the agent first, or it writes its baselines back",
          run.err().strip());
    }
    assertEquals(before, Files.readString(file));
  }

  @Test
  void resetAllOfACorruptFileSetsItAside() throws Exception {
    Files.writeString(file, "garbage");
    CommandRun run = CommandRun.of("baseline", "reset", "--state-dir", dir.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("baseline state " + file + " could not be loaded"), run.out());
    assertTrue(run.out().contains("; moved to " + file + ".corrupt-"), run.out());
    assertTrue(Files.notExists(file));
    CommandRun one =
        CommandRun.of("baseline", "reset", "--server", "a", "--state-dir", dir.toString());
    assertEquals(BaselineCommand.EXIT_FAILED, one.exitCode());
    assertEquals(
        "tokenjoule baseline reset: no baseline for server a: no " + file, one.err().strip());
  }

  @Test
  void resetWithoutAStateDirectoryHasNothingToDo() {
    Path missing = dir.resolve("missing");
    CommandRun run = CommandRun.of("baseline", "reset", "--state-dir", missing.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("nothing to reset: " + missing + " does not exist", run.out().strip());
    assertTrue(Files.notExists(missing));
  }

  @Test
  void baselineNeedsASubcommandAndHasHelp() {
    CommandRun run = CommandRun.of("baseline");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Missing command: use show or reset"), run.err());
    assertTrue(
        CommandRun.of()
            .err()
            .contains("use agent, demo, probe, discover, calc, baseline, bench or proxy"));
    for (String sub : new String[] {"show", "reset"}) {
      CommandRun help = CommandRun.of("baseline", sub, "--help");
      assertEquals(0, help.exitCode());
      assertTrue(help.out().contains("Usage: tokenjoule baseline " + sub), help.out());
      assertTrue(help.out().contains("/var/lib/tokenjoule"), help.out());
    }
  }
}
