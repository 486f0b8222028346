package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarbonConfigTest {

  private final ConfigLoader loader = new ConfigLoader(Set.of("vllm"));

  private CarbonConfig carbon(String yaml) throws ConfigException {
    return loader.parse(yaml, "tokenjoule.yaml", List.of()).carbon().orElseThrow();
  }

  private String problems(String yaml) {
    return assertThrows(
            ConfigException.class, () -> loader.parse(yaml, "tokenjoule.yaml", List.of()))
        .getMessage();
  }

  @Test
  void aStaticIntensity() throws ConfigException {
    CarbonConfig c = carbon("carbon:\n  grams_per_kwh: 350\n  zone: DE\n");
    assertEquals(350, c.gramsPerKwh());
    assertEquals("DE", c.zone());
    assertTrue(c.schedule().isEmpty() && c.live().isEmpty());
  }

  @Test
  void aScheduleInItsTimeZone() throws ConfigException {
    CarbonConfig c =
        carbon(
            """
            carbon:
              grams_per_kwh: 300
              time_zone: Europe/Madrid
              schedule:
                - days: [sat, sun]
                  from: "10:00"
                  to: "17:00"
                  grams_per_kwh: 90
                - from: "11:00"
                  to: "16:00"
                  grams_per_kwh: 120
            """);
    assertEquals(ZoneId.of("Europe/Madrid"), c.schedule().get().timeZone());
    assertEquals(
        List.of(
            new CarbonConfig.Entry(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), 10, 17, 90),
            new CarbonConfig.Entry(Set.of(), 11, 16, 120)),
        c.schedule().get().entries());
  }

  @Test
  void liveProvidersWithTheirDefaults(@TempDir Path dir) throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "secret\n");
    CarbonConfig em =
        carbon(
            "carbon:\n  grams_per_kwh: 400\n  live:\n    provider: electricitymaps\n"
                + "    zone: DE\n    auth_token_file: "
                + token
                + "\n    refresh: 5m\n");
    assertEquals(
        new LiveCarbonConfig.ElectricityMaps(
            "secret", Optional.of("DE"), Optional.empty(), Optional.empty()),
        em.live().get().provider());
    assertEquals(java.time.Duration.ofMinutes(5), em.live().get().refresh());
    assertEquals(CarbonBinder.DEFAULT_MAX_STALENESS, em.live().get().maxStaleness());
    CarbonConfig uk =
        carbon("carbon:\n  grams_per_kwh: 200\n  live:\n    provider: ukcarbonintensity\n");
    assertEquals(
        new LiveCarbonConfig.UkCarbonIntensity(Optional.empty(), Optional.empty()),
        uk.live().get().provider());
    assertEquals(CarbonBinder.DEFAULT_TIMEOUT, uk.live().get().timeout());
  }

  @Test
  void problemsNameTheirPlace() {
    assertEquals(
        String.join(
            "\n",
            "tokenjoule.yaml:2:18: carbon.grams_per_kwh: must be 0 to 5000, got 9000",
            "tokenjoule.yaml:4:7: carbon.schedule[0]: a schedule entry runs on whole hours such"
                + " as 07:00 to 18:00, got 10:30 to 12:00",
            "tokenjoule.yaml:8:5: carbon.live: carbon takes a schedule or a live provider, not"
                + " both",
            "tokenjoule.yaml:8:15: carbon.live.provider: expected electricitymaps or"
                + " ukcarbonintensity, got 'wattime'"),
        problems(
            """
            carbon:
              grams_per_kwh: 9000
              schedule:
                - to: "12:00"
                  from: "10:30"
                  grams_per_kwh: 1
              live:
                provider: wattime
            """));
    assertEquals(
        "tokenjoule.yaml:4:5: carbon.live: missing required key 'auth_token_file'; required"
            + " keys: provider, auth_token_file",
        problems("carbon:\n  grams_per_kwh: 1\n  live:\n    provider: electricitymaps\n"));
  }
}
