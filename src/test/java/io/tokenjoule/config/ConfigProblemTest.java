package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigProblemTest {

  @Test
  void locationRendersFileLineColumnAndKeyPath() {
    ConfigLocation at = new ConfigLocation("tokenjoule.yaml", 7, 5, "servers[0].gpus[1]");
    assertEquals("tokenjoule.yaml:7:5 (servers[0].gpus[1])", at.toString());
    assertEquals("tokenjoule.yaml:7:5", at.position());
  }

  @Test
  void locationWithoutLineRendersTheSourceOnly() {
    assertEquals("--window (window)", ConfigLocation.of("--window", "window").toString());
    assertEquals("--window", ConfigLocation.of("--window", "window").position());
    assertEquals("/etc/t.yaml", ConfigLocation.of("/etc/t.yaml", "").toString());
    assertEquals("t.yaml:4", new ConfigLocation("t.yaml", 4, 0, "tick").position());
  }

  @Test
  void locationRejectsImpossiblePositions() {
    assertThrows(IllegalArgumentException.class, () -> new ConfigLocation("t", -1, 0, ""));
    assertThrows(IllegalArgumentException.class, () -> new ConfigLocation("t", 0, 3, ""));
    assertThrows(IllegalArgumentException.class, () -> new ConfigLocation(" ", 1, 1, ""));
  }

  @Test
  void problemRendersPositionKeyPathAndMessage() {
    assertEquals(
        "tokenjoule.yaml:2:7: tick: expected a duration such as 1s or 500ms, got 'fast'",
        new ConfigProblem(
                new ConfigLocation("tokenjoule.yaml", 2, 7, "tick"),
                "expected a duration such as 1s or 500ms, got 'fast'")
            .toString());
    assertEquals(
        "t.yaml: cannot read the configuration file: no such file",
        new ConfigProblem(
                ConfigLocation.of("t.yaml", ""), "cannot read the configuration file: no such file")
            .toString());
  }

  @Test
  void exceptionListsEveryProblemInReadingOrderFlagsLast() {
    ConfigException e =
        new ConfigException(
            List.of(
                new ConfigProblem(ConfigLocation.of("--tick", "tick"), "c"),
                new ConfigProblem(new ConfigLocation("t.yaml", 9, 1, "b"), "b"),
                new ConfigProblem(new ConfigLocation("t.yaml", 2, 5, "a2"), "a2"),
                new ConfigProblem(new ConfigLocation("t.yaml", 2, 1, "a1"), "a1")));
    assertEquals(
        "t.yaml:2:1: a1: a1\nt.yaml:2:5: a2: a2\nt.yaml:9:1: b: b\n--tick: tick: c",
        e.getMessage());
    assertEquals(4, e.problems().size());
  }

  @Test
  void exceptionNeedsAProblem() {
    assertThrows(IllegalArgumentException.class, () -> new ConfigException(List.of()));
  }
}
