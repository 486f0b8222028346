package io.tokenjoule.energybench;

import java.util.Locale;

/** Which OpenAI-compatible API the benchmark calls. */
public enum ApiKind {
  /** {@code POST /chat/completions} with {@code messages}; text in {@code choices[0].delta}. */
  CHAT("chat/completions"),
  /** {@code POST /completions} with {@code prompt}; text in {@code choices[0].text}. */
  COMPLETIONS("completions");

  private final String path;

  ApiKind(String path) {
    this.path = path;
  }

  /** The path below the base URL ({@code .../v1}), without a leading slash. */
  public String path() {
    return path;
  }

  /** The name used on the command line and in result.json. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
