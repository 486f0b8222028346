package io.tokenjoule.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tokenjoule.config.ConfigException;
import io.tokenjoule.config.ConfigLoader;
import io.tokenjoule.scrape.EngineProfiles;
import java.util.List;

/**
 * Coverage-guided fuzzing of the configuration loader: whatever the text, it returns a
 * configuration or throws {@link ConfigException} with at least one problem, never anything else.
 * Half the inputs start from a valid file, so the fuzzer reaches the binders, not only the YAML
 * reader.
 */
class ConfigLoaderFuzzTest {

  private static final ConfigLoader LOADER = new ConfigLoader(EngineProfiles.names());

  private static final String VALID =
      """
      tick: 1s
      window: 60s
      scrape:
        timeout: 800ms
        max_body_bytes: 16MiB
      servers:
        - name: llama
          url: http://127.0.0.1:8000/metrics
          engine: vllm
          gpus: [0]
      """;

  @FuzzTest(maxDuration = "20s")
  void loadsOrExplainsAnyText(FuzzedDataProvider data) {
    String yaml =
        data.consumeBoolean()
            ? VALID + data.consumeRemainingAsString()
            : data.consumeRemainingAsString();
    try {
      assertNotNull(LOADER.parse(yaml, "fuzz.yaml", List.of()));
    } catch (ConfigException e) {
      assertFalse(e.getMessage().isBlank());
    }
  }
}
