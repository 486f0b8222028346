package io.tokenjoule.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfiguredModelProfileTest {

  private static Sample sample(String name, double value, String... labels) {
    return new Sample(name, Labels.of(labels), value);
  }

  @Test
  void theUnnamedModelTakesTheConfiguredName() throws Exception {
    EngineProfile profile =
        ConfiguredModelProfile.naming(new LlamaCppProfile(), Optional.of("qwen"));
    EngineCounters counters =
        profile.extract(
            List.of(
                sample(LlamaCppProfile.PROMPT_TOKENS, 10),
                sample(LlamaCppProfile.PREDICTED_TOKENS, 20),
                sample(LlamaCppProfile.REQUESTS_PROCESSING, 2)));
    assertEquals(List.of(new ModelCounters("qwen", 10, 20, Double.NaN, 2)), counters.models());
    assertEquals(2.0, counters.tokenResolution());
    assertEquals("llamacpp", profile.engine());
    assertEquals(new LlamaCppProfile().sampleNames(), profile.sampleNames());
  }

  @Test
  void namedModelsKeepTheirNamesAndAClashAddsUp() throws Exception {
    EngineProfile profile = new ConfiguredModelProfile(new VllmProfile(), "b");
    EngineCounters counters =
        profile.extract(
            List.of(
                sample("vllm:prompt_tokens_total", 1, "model_name", "a"),
                sample("vllm:generation_tokens_total", 2, "model_name", "a"),
                sample("vllm:prompt_tokens_total", 3, "model_name", "b"),
                sample("vllm:generation_tokens_total", 4, "model_name", "b"),
                sample("vllm:prompt_tokens_total", 5),
                sample("vllm:generation_tokens_total", 6)));
    assertEquals(
        List.of(
            new ModelCounters("a", 1, 2, Double.NaN, Double.NaN),
            new ModelCounters("b", 3 + 5, 4 + 6, Double.NaN, Double.NaN)),
        counters.models());
  }

  @Test
  void noConfiguredModelLeavesTheProfileAsItIs() {
    EngineProfile tgi = new TgiProfile();
    assertSame(tgi, ConfiguredModelProfile.naming(tgi, Optional.empty()));
    assertThrows(IllegalArgumentException.class, () -> new ConfiguredModelProfile(tgi, " "));
  }
}
