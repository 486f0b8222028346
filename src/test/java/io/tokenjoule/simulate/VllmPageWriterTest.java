package io.tokenjoule.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VllmPageWriterTest {

  private static final EngineView VIEW =
      new EngineView("org/model \"x\"", 2, 1001, 501, 11, 7, 0.4, 1.7632e9);

  @Test
  void textPageUsesVllmNamesLabelsAndCreatedSeries() {
    String page = VllmPageWriter.prometheusText(VIEW, 1.2);
    assertTrue(page.contains("# TYPE vllm:prompt_tokens counter\n"), page);
    assertTrue(
        page.contains(
            "vllm:prompt_tokens_total{model_name=\"org/model \\\"x\\\"\",engine=\"0\",source=\"simulated\"} 501.0\n"),
        page);
    assertTrue(
        page.contains(
            "vllm:prompt_tokens_total{model_name=\"org/model \\\"x\\\"\",engine=\"1\",source=\"simulated\"} 500.0\n"),
        page);
    assertTrue(
        page.contains(
            "vllm:prompt_tokens_created{model_name=\"org/model \\\"x\\\"\",engine=\"0\",source=\"simulated\"} 1.7632e+09\n"),
        page);
    assertTrue(page.contains("vllm:generation_tokens_total{"), page);
    assertTrue(page.contains(",finished_reason=\"stop\",source=\"simulated\"} 5.0\n"), page);
    assertTrue(page.contains(",finished_reason=\"length\",source=\"simulated\"} 1.0\n"), page);
    assertFalse(page.contains("# EOF"));
    assertTrue(page.endsWith("\n"));
  }

  @Test
  void openMetricsPageEscapesTheColonAndEnds() {
    String page = VllmPageWriter.openMetrics(VIEW, 1.2);
    assertFalse(page.contains("vllm:"), page);
    assertTrue(page.contains("# TYPE vllm_generation_tokens counter\n"), page);
    assertTrue(page.contains("vllm_generation_tokens_total{"), page);
    assertTrue(page.endsWith("# EOF\n"));
  }

  @Test
  void numbersLookLikePythonFloats() {
    assertEquals("12.0", VllmPageWriter.number(12));
    assertEquals("0.4", VllmPageWriter.number(0.4));
    assertEquals("999999.0", VllmPageWriter.number(999999));
    assertEquals("1.234567e+06", VllmPageWriter.number(1234567));
    assertEquals("1e+06", VllmPageWriter.number(1e6));
    assertEquals("1.7632e+09", VllmPageWriter.number(1.7632e9));
    assertEquals("1.7632000123e+09", VllmPageWriter.number(1763200012.3));
  }
}
