package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnergyConfigTest {

  private final ConfigLoader loader = new ConfigLoader(Set.of("vllm"));

  private EnergyConfig energy(String yaml) throws ConfigException {
    return loader.parse(yaml, "tokenjoule.yaml", List.of()).energy();
  }

  private String problems(String yaml) {
    return assertThrows(
            ConfigException.class, () -> loader.parse(yaml, "tokenjoule.yaml", List.of()))
        .getMessage();
  }

  @Test
  void gpuEnergyOnlyByDefault() throws ConfigException {
    assertEquals(EnergyConfig.defaults(), energy(""));
    assertEquals(EnergyConfig.defaults(), energy("energy:\n  include: [gpu]\n"));
    assertEquals(Path.of("/sys/class/powercap"), energy("").powercapDir());
  }

  @Test
  void hostEnergyCountsWhenIncluded() throws ConfigException {
    assertEquals(
        new EnergyConfig(true, Path.of("/host/sys/class/powercap")),
        energy("energy:\n  include: [gpu, host]\n  powercap_dir: /host/sys/class/powercap\n"));
  }

  @Test
  void problemsNameTheirPlace() {
    assertEquals(
        "tokenjoule.yaml:2:18: energy.include[1]: expected gpu or host, got 'cpu'",
        problems("energy:\n  include: [gpu, cpu]\n"));
    assertEquals(
        "tokenjoule.yaml:2:12: energy.include: must include gpu: the agent measures GPU servers,"
            + " and host energy is counted besides theirs",
        problems("energy:\n  include: [host]\n"));
    assertEquals(
        "tokenjoule.yaml:2:18: energy.include[1]: gpu is listed twice",
        problems("energy:\n  include: [gpu, gpu]\n"));
    assertEquals(
        "tokenjoule.yaml:2:12: energy.include: expected a list of gpu and host, such as [gpu,"
            + " host], got 'host'",
        problems("energy:\n  include: host\n"));
    assertEquals(
        "tokenjoule.yaml:2:3: energy.powercap: unknown key 'powercap'; allowed keys: include,"
            + " powercap_dir",
        problems("energy:\n  powercap: /x\n"));
  }
}
