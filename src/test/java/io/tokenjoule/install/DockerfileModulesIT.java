package io.tokenjoule.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Dockerfile's jlink module list holds every module jdeps finds the shaded jar using. */
class DockerfileModulesIT {

  @Test
  void jlinkAddsEveryModuleJdepsReports() throws Exception {
    Path jar = Path.of("target/tokenjoule.jar");
    assertTrue(Files.isRegularFile(jar), "run mvn package first: no " + jar);
    Path jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps");
    Process process =
        new ProcessBuilder(
                jdeps.toString(),
                "--ignore-missing-deps",
                "--print-module-deps",
                "--multi-release",
                "17",
                jar.toString())
            .redirectErrorStream(true)
            .start();
    String output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "jdeps hangs");
    assertEquals(0, process.exitValue(), output);
    String lastLine = output.lines().reduce((a, b) -> b).orElse("");
    Set<String> needed = new TreeSet<>(Arrays.asList(lastLine.split(",")));
    assertTrue(needed.contains("java.base"), output);

    Set<String> missing = new TreeSet<>(needed);
    missing.removeAll(Dockerfile.read().jlinkModules());
    assertEquals(Set.of(), missing, "add to JAVA_MODULES in the Dockerfile");
  }
}
