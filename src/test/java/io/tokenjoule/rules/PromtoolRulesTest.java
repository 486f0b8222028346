package io.tokenjoule.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's own tool accepts the shipped rules and configuration, and the rules pass their unit
 * tests ({@code deploy/prometheus/tests}): every alert fires where it must and stays quiet where it
 * must, and the recording rules compute the expected numbers.
 */
class PromtoolRulesTest {

  private Path promtool;

  @BeforeEach
  void findPromtool() {
    Optional<Path> found = PrometheusBinaries.promtool();
    assumeTrue(found.isPresent(), "promtool" + PrometheusBinaries.MISSING);
    promtool = found.get();
  }

  @Test
  void rulesPassPromtoolCheck() throws Exception {
    List<Path> files = RuleFiles.ruleFiles();
    assertFalse(files.isEmpty(), "no rule files under " + RuleFiles.RULES_DIR);
    Result check = run("check", "rules", files);
    assertEquals(0, check.exitCode(), check.output());
    for (Path file : files) {
      assertTrue(check.output().contains("Checking " + file), check.output());
    }
  }

  @Test
  void exampleConfigLoadsTheRules() throws Exception {
    Result check = run("check", "config", List.of(RuleFiles.CONFIG));
    assertEquals(0, check.exitCode(), check.output());
    assertTrue(
        check.output().contains(RuleFiles.ruleFiles().size() + " rule files found"),
        "prometheus.yml should load every rule file:\n" + check.output());
  }

  @Test
  void ruleUnitTestsPass() throws Exception {
    List<Path> tests = RuleFiles.testFiles();
    assertFalse(tests.isEmpty(), "no promtool tests under " + RuleFiles.TESTS_DIR);
    Result test = run("test", "rules", tests);
    assertEquals(0, test.exitCode(), test.output());
    assertFalse(test.output().contains("FAILED"), test.output());
  }

  private Result run(String command, String subcommand, List<Path> files)
      throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of(promtool.toString(), command, subcommand));
    files.forEach(f -> argv.add(f.toString()));
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("promtool " + command + " " + subcommand + " ran past 60 s");
    }
    return new Result(process.exitValue(), output);
  }

  private record Result(int exitCode, String output) {}
}
