package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenjoule.config.CarbonConfig;
import io.tokenjoule.config.ConfigLoader;
import io.tokenjoule.grid.CarbonIntensityProvider;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The carbon section as configured, opened into grid intensities and live providers. */
class GridIntensitySourceTest {

  private final Vertx vertx = Vertx.vertx();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private static CarbonConfig carbon(String yaml) throws Exception {
    return new ConfigLoader(Set.of("vllm"))
        .parse(yaml, "tokenjoule.yaml", List.of())
        .carbon()
        .orElseThrow();
  }

  @Test
  void aScheduleAppliesInItsTimeZoneFirstEntryFirst() throws Exception {
    CarbonConfig config =
        new CarbonConfig(
            300,
            "",
            Optional.of(
                new CarbonConfig.Schedule(
                    List.of(
                        new CarbonConfig.Entry(
                            Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), 10, 17, 90),
                        new CarbonConfig.Entry(Set.of(), 11, 16, 120)),
                    ZoneId.of("Europe/Madrid"))),
            Optional.empty());
    var schedule = GridIntensitySource.schedule(config);
    // 2026-11-23 is a Monday; Madrid is UTC+1 in November.
    assertEquals(120, schedule.gramsPerKwhAt(Instant.parse("2026-11-23T12:00:00Z")));
    assertEquals(300, schedule.gramsPerKwhAt(Instant.parse("2026-11-23T15:00:00Z")));
    assertEquals(90, schedule.gramsPerKwhAt(Instant.parse("2026-11-28T15:00:00Z")));
  }

  @Test
  void liveProvidersAskWhatTheConfigurationSays(@TempDir Path dir) throws Exception {
    HttpServer stub =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  requests.add(request.uri() + " token=" + request.headers().get("auth-token"));
                  request.response().setStatusCode(503).end();
                })
            .listen(0, "127.0.0.1")
            .await();
    String url = "http://127.0.0.1:" + stub.actualPort();
    Path token = dir.resolve("token");
    Files.writeString(token, "secret\n");
    List<String> live =
        List.of(
            "provider: electricitymaps\n    zone: DE\n    auth_token_file: " + token,
            "provider: electricitymaps\n    latitude: 48.1\n    longitude: 11.6\n"
                + "    auth_token_file: "
                + token,
            "provider: ukcarbonintensity\n    postcode: RG10",
            "provider: ukcarbonintensity\n    region_id: 13",
            "provider: ukcarbonintensity");
    for (String provider : live) {
      CarbonConfig config =
          carbon("carbon:\n  grams_per_kwh: 200\n  live:\n    url: " + url + "\n    " + provider);
      try (CarbonIntensityProvider opened =
          GridIntensitySource.provider(config.live().orElseThrow(), vertx)) {
        opened.fetch().otherwiseEmpty().await();
      }
    }
    assertEquals(
        List.of(
            "/v3/carbon-intensity/latest?zone=DE token=secret",
            "/v3/carbon-intensity/latest?lat=48.1&lon=11.6 token=secret",
            "/regional/postcode/RG10 token=null",
            "/regional/regionid/13 token=null",
            "/intensity token=null"),
        requests);
  }
}
