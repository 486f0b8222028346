package io.tokenjoule.scrape;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleSelectorTest {

  private final SampleSelector vllm =
      SampleSelector.names(
          List.of(
              "vllm:prompt_tokens_total",
              "vllm_prompt_tokens_total",
              "vllm:generation_tokens_total",
              "vllm:num_requests_running"));

  @Test
  void selectsExactNamesOnly() {
    assertTrue(vllm.selects("vllm:prompt_tokens_total"));
    assertTrue(vllm.selects("vllm_prompt_tokens_total"));
    assertTrue(vllm.selects("vllm:num_requests_running"));
    assertFalse(vllm.selects("vllm:prompt_tokens_created"));
    assertFalse(vllm.selects("vllm:prompt_tokens_total_x"));
    assertFalse(vllm.selects("vllm:prompt_tokens_tota"));
    assertFalse(vllm.selects("vllm;prompt_tokens_total"));
    assertFalse(vllm.selects("xllm:prompt_tokens_total"));
    assertFalse(vllm.selects("vllm:generation_tokens_totaL"));
    assertFalse(vllm.selects(""));
    assertFalse(vllm.selects("a-name-longer-than-any-selected-one-by-far-indeed"));
  }

  @Test
  void matchesARangeInsideALargerArray() {
    byte[] line = "xxvllm:prompt_tokens_total{engine=\"0\"} 1".getBytes(StandardCharsets.UTF_8);
    assertTrue(vllm.selects(line, 2, 2 + "vllm:prompt_tokens_total".length()));
    assertFalse(vllm.selects(line, 1, 1 + "vllm:prompt_tokens_total".length()));
  }

  @Test
  void utf8Names() {
    SampleSelector selector = SampleSelector.names("température_celsius", "a");
    assertTrue(selector.selects("température_celsius"));
    assertTrue(selector.selects("a"));
    assertFalse(selector.selects("temperature_celsius"));
  }

  @Test
  void allSelectsEverything() {
    assertTrue(SampleSelector.all().selects("anything"));
  }

  @Test
  void emptyNamesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> SampleSelector.names(""));
  }
}
