package io.tokenjoule.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.config.ListenAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Builds the Dockerfile and runs {@code demo} in it on a read-only root filesystem with a tmpfs on
 * /tmp, as Kubernetes would, then reads /metrics. Skipped without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerImageIT {

  @Test
  void theImageServesDemoMetricsOnAReadOnlyRoot() throws Exception {
    ImageFromDockerfile image =
        new ImageFromDockerfile("tokenjoule-it", true).withDockerfile(Path.of("Dockerfile"));
    int port = ListenAddress.DEFAULT_PORT;
    try (GenericContainer<?> agent =
        new GenericContainer<>(image)
            .withCommand("demo")
            .withExposedPorts(port)
            .withTmpFs(java.util.Map.of("/tmp", "rw,size=16m"))
            .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true))
            .waitingFor(
                Wait.forHttp("/metrics")
                    .forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(2)))) {
      agent.start();
      HttpResponse<String> metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://"
                                  + agent.getHost()
                                  + ":"
                                  + agent.getMappedPort(port)
                                  + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.body().contains("tokenjoule_build_info"), metrics.body());
      assertEquals("10001", agent.execInContainer("id", "-u").getStdout().strip());
    }
  }
}
