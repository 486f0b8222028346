package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.tokenjoule.config.AgentConfig;
import io.tokenjoule.config.ConfigLoader;
import io.tokenjoule.scrape.ConfiguredModelProfile;
import io.tokenjoule.scrape.EngineProfiles;
import io.tokenjoule.scrape.TgiProfile;
import io.tokenjoule.source.GpuIdentity;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentPlannerTest {

  private static final List<GpuIdentity> GPUS =
      List.of(
          new GpuIdentity(0, "GPU-aaaa", "NVIDIA H100"),
          new GpuIdentity(1, "GPU-bbbb", "NVIDIA H100"));

  @Test
  void aServersModelNamesTheModelOfItsProfile() throws Exception {
    AgentConfig config =
        new ConfigLoader(EngineProfiles.names())
            .parse(
                """
                servers:
                  - name: tgi
                    url: http://127.0.0.1:8080/metrics
                    engine: tgi
                    model: mistral-7b
                    gpus: [0]
                  - name: plain
                    url: http://127.0.0.1:8081/metrics
                    engine: tgi
                    gpus: [1]
                """,
                "tokenjoule.yaml",
                List.of());
    List<PlannedServer> servers = AgentPlanner.plan(config, GPUS).servers();
    ConfiguredModelProfile named =
        assertInstanceOf(ConfiguredModelProfile.class, servers.get(0).profile());
    assertEquals("mistral-7b", named.model());
    assertEquals("tgi", named.engine());
    assertInstanceOf(TgiProfile.class, servers.get(1).profile());
  }
}
