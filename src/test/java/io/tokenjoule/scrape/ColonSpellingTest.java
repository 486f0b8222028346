package io.tokenjoule.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ColonSpellingTest {

  private static final ColonSpelling SPELLING =
      new ColonSpelling(List.of("vllm:prompt_tokens_total", "vllm:generation_tokens_total"));

  private static Sample sample(String name) {
    return new Sample(name, Labels.EMPTY, 1);
  }

  private static List<String> read(List<Sample> page) {
    Predicate<Sample> readable = SPELLING.readable(page);
    return page.stream().filter(readable).map(Sample::name).toList();
  }

  @Test
  void theUnderscoreSpellingIsReadWhenItIsTheOnlyOne() {
    assertEquals(
        List.of("vllm_prompt_tokens_total", "vllm_generation_tokens_total"),
        read(List.of(sample("vllm_prompt_tokens_total"), sample("vllm_generation_tokens_total"))));
  }

  @Test
  void theColonSpellingWinsMetricByMetric() {
    assertEquals(
        List.of("vllm:prompt_tokens_total", "vllm_generation_tokens_total"),
        read(
            List.of(
                sample("vllm_prompt_tokens_total"),
                sample("vllm:prompt_tokens_total"),
                sample("vllm_generation_tokens_total"))));
  }

  @Test
  void namesItDoesNotKnowAreLeftToTheProfile() {
    assertEquals(
        List.of("vllm_num_requests_running", "process_cpu_seconds_total"),
        read(List.of(sample("vllm_num_requests_running"), sample("process_cpu_seconds_total"))));
  }
}
