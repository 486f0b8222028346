package io.tokenjoule.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One set of JVM flags, measured with agent/footprint.sh, for every way the agent is installed: the
 * systemd unit, the container image and the Helm chart (the Kustomize base is checked on its
 * rendered objects in {@link KustomizeRenderTest}).
 */
class JvmOptionsTest {

  @Test
  void theFileListsAHeapCapAndTheSerialCollector() {
    List<String> flags = List.of(JvmOptions.flags().split(" "));
    assertTrue(flags.contains("-Xmx32m"), flags.toString());
    assertTrue(flags.contains("-XX:+UseSerialGC"), flags.toString());
    assertTrue(flags.stream().allMatch(flag -> flag.startsWith("-")), flags.toString());
  }

  @Test
  void theSystemdUnitRunsWithThem() throws Exception {
    String unit = Files.readString(Path.of("agent/tokenjoule.service"));
    assertEquals(
        JvmOptions.flags() + " -Djna.tmpdir=/tmp",
        captured(unit, "Environment=\"JAVA_OPTS=([^\"]*)\""));
    assertTrue(unit.contains("\nEnvironment=MALLOC_ARENA_MAX=2\n"), unit);
  }

  @Test
  void theImageRunsWithThem() throws Exception {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    assertEquals(
        JvmOptions.flags() + " -Djna.tmpdir=/tmp",
        captured(dockerfile, "JDK_JAVA_OPTIONS=\"([^\"]*)\""));
    assertTrue(dockerfile.contains("MALLOC_ARENA_MAX=2"), dockerfile);
  }

  @Test
  void theHelmChartRunsWithThem() throws Exception {
    String values = Files.readString(Path.of("deploy/helm/tokenjoule/values.yaml"));
    assertEquals(JvmOptions.flags(), captured(values, "\njavaToolOptions: \"([^\"]*)\""));
    String daemonSet = Files.readString(Path.of("deploy/helm/tokenjoule/templates/daemonset.yaml"));
    assertTrue(
        daemonSet.contains("- name: MALLOC_ARENA_MAX\n              value: \"2\""), daemonSet);
  }

  private static String captured(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertTrue(matcher.find(), regex);
    String value = matcher.group(1);
    assertTrue(!matcher.find(), "more than one match of " + regex);
    return value;
  }
}
