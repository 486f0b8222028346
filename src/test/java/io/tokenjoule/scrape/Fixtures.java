package io.tokenjoule.scrape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the pages under src/test/resources/fixtures. */
final class Fixtures {

  static final String V1_TEXT = "vllm/v1-dp2-text.txt";
  static final String V1_OPENMETRICS = "vllm/v1-dp2-openmetrics-escaped.txt";
  static final String V1_MULTIPROCESS = "vllm/v1-multiprocess-text.txt";
  static final String V0_TEXT = "vllm/v0-text.txt";
  static final String BENCH = "vllm/v1-bench-100k.txt";
  static final String V1_TEXT_TRUNCATED = "vllm/v1-dp2-text-truncated.txt";
  static final String V1_OPENMETRICS_TRUNCATED = "vllm/v1-dp2-openmetrics-truncated.txt";
  static final String HTML = "vllm/garbage-html-502.html";
  static final String GZIP = "vllm/garbage-gzip.bin";
  static final String SGLANG_TEXT = "sglang/text.txt";
  static final String SGLANG_OPENMETRICS = "sglang/openmetrics-escaped.txt";
  static final String SGLANG_MULTIPROCESS = "sglang/multiprocess-dp2-tp2-text.txt";
  static final String TGI = "tgi/shuffled-100k.txt";
  static final String LLAMACPP_TEXT = "llamacpp/text.txt";
  static final String LLAMACPP_LARGE = "llamacpp/large-counters.txt";
  static final String LLAMACPP_PROMPT_CACHE = "llamacpp/prompt-cache.txt";

  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  /**
   * Counts sample lines the simple way, as an oracle for the parser: newline-terminated lines that
   * are neither blank nor comments.
   */
  static long countSampleLines(String page) {
    int lastNewline = page.lastIndexOf('\n');
    return page.substring(0, lastNewline + 1)
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .count();
  }
}
