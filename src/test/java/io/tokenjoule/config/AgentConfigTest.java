package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tokenjoule.account.baseline.BaselineSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The records guard their own invariants when built in code, not only through the loader. */
class AgentConfigTest {

  private static final ConfigLocation AT = new ConfigLocation("t.yaml", 5, 5, "servers[0]");

  private static GpuRef gpu(int index) {
    return new GpuRef.Index(index, AT);
  }

  private static ServerConfig server(String name, int... gpus) {
    return new ServerConfig(
        name,
        URI.create("http://127.0.0.1:8000/metrics"),
        "vllm",
        Arrays.stream(gpus).mapToObj(AgentConfigTest::gpu).toList(),
        AT);
  }

  private static AgentConfig config(
      Duration tick,
      Duration window,
      GpuSelection gpus,
      Duration timeout,
      ServerConfig... servers) {
    return new AgentConfig(
        ListenAddress.defaultAddress(),
        tick,
        window,
        gpus,
        NvmlConfig.defaults(),
        new ScrapeConfig(timeout, ScrapeConfig.DEFAULT_MAX_BODY_BYTES, 1000),
        List.of(servers),
        Optional.empty(),
        Optional.empty(),
        BaselineSettings.DEFAULTS,
        Path.of("/var/lib/tokenjoule"),
        DiscoveryConfig.off(),
        EnergyConfig.defaults(),
        Optional.empty(),
        KubernetesConfig.defaults(),
        Optional.empty());
  }

  private static final Duration S1 = Duration.ofSeconds(1);
  private static final Duration S2 = Duration.ofSeconds(2);

  @Test
  void acceptsAValidConfiguration() {
    AgentConfig config =
        config(
            S1, S2, GpuSelection.of(List.of(gpu(0), gpu(1))), S1, server("a", 0), server("b", 1));
    assertEquals(2, config.servers().size());
  }

  @Test
  void rejectsATickOutOfRange() {
    assertThrows(
        IllegalArgumentException.class,
        () -> config(Duration.ofMillis(99), S2, GpuSelection.all(), Duration.ofMillis(50)));
    assertThrows(
        IllegalArgumentException.class,
        () -> config(Duration.ofSeconds(61), Duration.ofMinutes(5), GpuSelection.all(), S1));
  }

  @Test
  void rejectsAWindowShorterThanTwoTicksOrLongerThanADay() {
    assertEquals(
        "window must be between 2 x tick and 24h, got 1s999ms",
        assertThrows(
                IllegalArgumentException.class,
                () -> config(S1, Duration.ofMillis(1999), GpuSelection.all(), S1))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> config(S1, Duration.ofHours(24).plusMillis(1), GpuSelection.all(), S1));
  }

  @Test
  void rejectsAScrapeTimeoutLongerThanTheTick() {
    assertThrows(
        IllegalArgumentException.class,
        () -> config(S1, S2, GpuSelection.all(), Duration.ofMillis(1001)));
  }

  @Test
  void rejectsServersOnUnselectedGpusAndRepeatedNames() {
    GpuSelection zero = GpuSelection.of(List.of(gpu(0)));
    assertEquals(
        "server a runs on GPU 1, not selected",
        assertThrows(IllegalArgumentException.class, () -> config(S1, S2, zero, S1, server("a", 1)))
            .getMessage());
    assertEquals(
        "server name a is used twice",
        assertThrows(
                IllegalArgumentException.class,
                () -> config(S1, S2, zero, S1, server("a", 0), server("a", 0)))
            .getMessage());
  }

  @Test
  void serverConfigChecksItsParts() {
    assertThrows(IllegalArgumentException.class, () -> server("9lives", 0));
    assertThrows(IllegalArgumentException.class, () -> server("a"));
    assertThrows(IllegalArgumentException.class, () -> server("a", 0, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ServerConfig("a", URI.create("http://h:1"), "vllm", List.of(gpu(0)), AT));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ServerConfig("a", URI.create("ftp://h/metrics"), "vllm", List.of(gpu(0)), AT));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ServerConfig("a", URI.create("http://h/metrics"), " ", List.of(gpu(0)), AT));
  }

  @Test
  void scrapeAndNvmlConfigsCheckTheirRanges() {
    assertThrows(IllegalArgumentException.class, () -> new ScrapeConfig(Duration.ZERO, 2048, 1));
    assertThrows(IllegalArgumentException.class, () -> new ScrapeConfig(S1, 1023, 1));
    assertThrows(IllegalArgumentException.class, () -> new ScrapeConfig(S1, (1L << 30) + 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new ScrapeConfig(S1, 2048, 0));
    assertThrows(IllegalArgumentException.class, () -> new ScrapeConfig(S1, 2048, 10_000_001));
    assertThrows(
        IllegalArgumentException.class,
        () -> new NvmlConfig("", Duration.ofHours(1).plusMillis(1)));
    assertThrows(IllegalArgumentException.class, () -> new NvmlConfig("", Duration.ofMillis(-1)));
  }

  @Test
  void defaultsThatDependOnTheTickStayValid() {
    assertEquals(Duration.ofSeconds(60), AgentConfig.defaultWindow(Duration.ofSeconds(30)));
    assertEquals(Duration.ofSeconds(80), AgentConfig.defaultWindow(Duration.ofSeconds(40)));
    assertEquals(Duration.ofMillis(500), ScrapeConfig.defaultTimeout(S1));
    assertEquals(Duration.ofMillis(50), ScrapeConfig.defaultTimeout(Duration.ofMillis(100)));
    assertEquals(Duration.ofMillis(500), ScrapeConfig.defaultTimeout(Duration.ofSeconds(60)));
  }
}
