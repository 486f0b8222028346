package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code discovery} section: defaults, every rule, and every message exactly. */
class DiscoveryConfigTest {

  private static final String SERVER =
      "servers:\n"
          + "  - name: chat\n"
          + "    url: http://127.0.0.1:8000/metrics\n"
          + "    engine: vllm\n"
          + "    gpus: [0]\n";

  private final ConfigLoader loader = new ConfigLoader(Set.of("vllm", "sglang", "tgi", "llamacpp"));

  private DiscoveryConfig discovery(String yaml) throws ConfigException {
    return loader.parse(yaml, "tokenjoule.yaml", List.of()).discovery();
  }

  private String problems(String yaml) {
    return assertThrows(
            ConfigException.class, () -> loader.parse(yaml, "tokenjoule.yaml", List.of()))
        .getMessage();
  }

  @Test
  void absentMeansOff() throws Exception {
    DiscoveryConfig config = discovery("tick: 1s\n");

    assertEquals(DiscoveryConfig.off(), config);
    assertFalse(config.enabled());
    assertEquals(Duration.ofSeconds(60), config.interval());
  }

  @Test
  void readsEveryRule() throws Exception {
    DiscoveryConfig config =
        discovery(
            SERVER
                + "discovery:\n"
                + "  mode: auto\n"
                + "  interval: 2m\n"
                + "  exclude:\n"
                + "    - port: 8001\n"
                + "    - engine: tgi\n"
                + "    - {port: 9000, engine: vllm}\n"
                + "  rename:\n"
                + "    vllm-8002: llama-70b\n"
                + "  pin: [chat]\n");

    assertEquals(
        new DiscoveryConfig(
            DiscoveryConfig.Mode.AUTO,
            Duration.ofMinutes(2),
            List.of(
                new DiscoveryConfig.Exclusion(OptionalInt.of(8001), Optional.empty()),
                new DiscoveryConfig.Exclusion(OptionalInt.empty(), Optional.of("tgi")),
                new DiscoveryConfig.Exclusion(OptionalInt.of(9000), Optional.of("vllm"))),
            Map.of("vllm-8002", "llama-70b"),
            List.of("chat")),
        config);
    assertTrue(config.excludes(8001, "vllm"));
    assertTrue(config.excludes(3000, "tgi"));
    assertTrue(config.excludes(9000, "vllm"));
    assertFalse(config.excludes(9000, "sglang"));
    assertEquals("llama-70b", config.nameFor("vllm-8002"));
    assertEquals("vllm-8003", config.nameFor("vllm-8003"));
  }

  @Test
  void modeAndInterval() {
    assertEquals(
        "tokenjoule.yaml:2:9: discovery.mode: expected off or auto, got 'on'",
        problems("discovery:\n  mode: on\n"));
    assertEquals(
        "tokenjoule.yaml:2:13: discovery.interval: must be between 5s and 24h, got 1s",
        problems("discovery:\n  interval: 1s\n"));
    assertEquals(
        "tokenjoule.yaml:2:3: discovery.every: unknown key 'every'; allowed keys: mode, interval,"
            + " exclude, rename, pin",
        problems("discovery:\n  every: 1m\n"));
  }

  @Test
  void excludeRules() {
    assertEquals(
        "tokenjoule.yaml:3:7: discovery.exclude[0]: an exclude rule needs a port, an engine or"
            + " both",
        problems("discovery:\n  exclude:\n    - {}\n"));
    assertEquals(
        "tokenjoule.yaml:3:13: discovery.exclude[0].port: expected a port between 1 and 65535,"
            + " got '70000'",
        problems("discovery:\n  exclude:\n    - port: 70000\n"));
    assertEquals(
        "tokenjoule.yaml:3:15: discovery.exclude[0].engine: unknown engine 'trtllm'; known"
            + " engines: llamacpp, sglang, tgi, vllm",
        problems("discovery:\n  exclude:\n    - engine: trtllm\n"));
    assertEquals(
        "tokenjoule.yaml:3:7: discovery.exclude[0].host: unknown key 'host'; allowed keys: port,"
            + " engine",
        problems("discovery:\n  exclude:\n    - host: x\n      port: 1\n"));
    assertEquals(
        "tokenjoule.yaml:2:12: discovery.exclude: expected a list of rules such as - port: 8001"
            + " or - engine: tgi (each a mapping with keys port, engine), got '8001'",
        problems("discovery:\n  exclude: 8001\n"));
  }

  @Test
  void renameRules() {
    assertEquals(
        "tokenjoule.yaml:8:16: discovery.rename.vllm-8002: 'chat' is already a configured"
            + " server's name; a discovered server needs its own",
        problems(SERVER + "discovery:\n  rename:\n    vllm-8002: chat\n"));
    assertEquals(
        "tokenjoule.yaml:4:16: discovery.rename.vllm-8003: 'big' is already the new name at"
            + " tokenjoule.yaml:3:16",
        problems("discovery:\n  rename:\n    vllm-8002: big\n    vllm-8003: big\n"));
    assertEquals(
        "tokenjoule.yaml:3:16: discovery.rename.vllm-8002: expected a name of up to 64 letters,"
            + " digits, _ . : or -, starting with a letter or _, got 'my server'",
        problems("discovery:\n  rename:\n    vllm-8002: my server\n"));
  }

  @Test
  void pinsNameConfiguredServers() {
    assertEquals(
        "tokenjoule.yaml:7:15: discovery.pin[1]: 'chatt' is not a configured server; configured:"
            + " chat",
        problems(SERVER + "discovery:\n  pin: [chat, chatt]\n"));
    assertEquals(
        "tokenjoule.yaml:2:9: discovery.pin[0]: 'a' is not a configured server; configured:"
            + " none",
        problems("discovery:\n  pin: [a]\n"));
  }

  @Test
  void theExampleConfigurationKeepsDiscoveryOffAndItsCommentedSectionParses() throws Exception {
    String example = Files.readString(Path.of("agent/tokenjoule.yaml"));
    int start = example.indexOf("#discovery:\n");
    String uncommented =
        example.substring(0, start) + example.substring(start).replaceAll("(?m)^#", "");

    assertEquals(DiscoveryConfig.off(), discovery(example));
    assertEquals(
        new DiscoveryConfig(
            DiscoveryConfig.Mode.AUTO,
            Duration.ofSeconds(60),
            List.of(
                new DiscoveryConfig.Exclusion(OptionalInt.of(8001), Optional.empty()),
                new DiscoveryConfig.Exclusion(OptionalInt.empty(), Optional.of("tgi"))),
            Map.of("vllm-8002", "mistral-7b"),
            List.of("llama-70b")),
        discovery(uncommented));
  }
}
