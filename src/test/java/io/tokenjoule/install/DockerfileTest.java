package io.tokenjoule.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.ListenAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Dockerfile's structure, checked without Docker. */
class DockerfileTest {

  @Test
  void theImageRunsAsANonRootUser() throws Exception {
    List<String> users = Dockerfile.read().finalStage().all("USER");
    assertEquals(1, users.size(), users.toString());
    String user = users.get(0).split(":")[0];
    assertFalse(user.equals("root") || user.equals("0"), user);
    assertTrue(Integer.parseInt(user) >= 1000, user);
  }

  @Test
  void itExposesTheAgentsDefaultPort() throws Exception {
    assertEquals(
        List.of(String.valueOf(ListenAddress.DEFAULT_PORT)),
        Dockerfile.read().finalStage().all("EXPOSE"));
  }

  @Test
  void theStateDirectoryIsTheOnlyVolumeAndThereIsNoHealthcheck() throws Exception {
    Dockerfile image = Dockerfile.read().finalStage();
    assertEquals(List.of("[\"" + AgentConfig.DEFAULT_STATE_DIR + "\"]"), image.all("VOLUME"));
    assertEquals(List.of(), image.all("HEALTHCHECK"));
  }

  @Test
  void itIsMultiStageAndShipsTheJlinkedRuntime() throws Exception {
    Dockerfile dockerfile = Dockerfile.read();
    assertEquals(
        List.of("maven:3-eclipse-temurin-17 AS build", "build AS runtime", "debian:bookworm-slim"),
        dockerfile.all("FROM"));
    assertTrue(dockerfile.all("RUN").stream().anyMatch(r -> r.startsWith("jlink ")));
    assertEquals(
        List.of("[\"/opt/java/bin/java\", \"-jar\", \"/opt/tokenjoule/tokenjoule.jar\"]"),
        dockerfile.finalStage().all("ENTRYPOINT"));
    assertEquals(List.of("[\"agent\"]"), dockerfile.finalStage().all("CMD"));
  }

  @Test
  void theJvmWritesNothingOutsideTmpAndTheStateVolume() throws Exception {
    String env = String.join(" ", Dockerfile.read().finalStage().all("ENV"));
    assertTrue(env.contains("-XX:-UsePerfData"), env);
    assertTrue(env.contains("-Djna.tmpdir=/tmp"), env);
  }
}
