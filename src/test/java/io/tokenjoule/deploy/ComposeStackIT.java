package io.tokenjoule.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Starts {@code deploy/compose} with Docker Compose and waits until its Prometheus scrapes the demo
 * agent and Grafana is healthy. Needs Docker and the agent image (set TOKENJOULE_IMAGE to use a
 * locally built one); skipped without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackIT {

  @Container
  private static final ComposeContainer STACK =
      new ComposeContainer(ComposeFile.FILE.toFile())
          .withExposedService("tokenjoule", 9847, Wait.forHttp("/readyz"))
          .withExposedService("prometheus", 9090, Wait.forHttp("/-/ready"))
          .withExposedService("grafana", 3000, Wait.forHttp("/api/health"))
          .withStartupTimeout(Duration.ofMinutes(3));

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void prometheusScrapesTheDemoAgentAndEvaluatesTheRules() throws Exception {
    String prometheus =
        "http://"
            + STACK.getServiceHost("prometheus", 9090)
            + ":"
            + STACK.getServicePort("prometheus", 9090);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    String body = "";
    while (Instant.now().isBefore(deadline)) {
      body = get(prometheus + "/api/v1/query?query=up%7Bjob%3D%22tokenjoule%22%7D%3D%3D1");
      if (body.contains("\"tokenjoule:9847\"")) {
        break;
      }
      Thread.sleep(2000);
    }
    assertTrue(body.contains("\"tokenjoule:9847\""), "the agent is not up in Prometheus: " + body);
    String rules = get(prometheus + "/api/v1/rules");
    assertTrue(rules.contains("\"tokenjoule.alerts\""), rules);
    assertTrue(rules.contains("\"tokenjoule.recording\""), rules);
  }

  @Test
  void grafanaProvisionedTheTokenjouleFolder() throws Exception {
    String grafana =
        "http://"
            + STACK.getServiceHost("grafana", 3000)
            + ":"
            + STACK.getServicePort("grafana", 3000);
    String search = get(grafana + "/api/search?query=tokenjoule");
    assertTrue(search.contains("\"uid\":\"tokenjoule-cost-carbon\""), search);
  }

  private String get(String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
