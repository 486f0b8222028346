package io.tokenjoule.calc;

import java.util.Locale;

/** Which tokens count: prompt and generated, or generated only. */
public enum TokenKind {
  ALL("kind=~\"prompt|generated\""),
  GENERATED("kind=\"generated\"");

  private final String matcher;

  TokenKind(String matcher) {
    this.matcher = matcher;
  }

  /** The label matcher on {@code tokenjoule_server_tokens_total} that selects these tokens. */
  public String matcher() {
    return matcher;
  }

  /** {@code all} or {@code generated}, as users write it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the allowed values
   */
  public static TokenKind parse(String text) {
    for (TokenKind kind : values()) {
      if (kind.label().equalsIgnoreCase(text)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("expected all or generated, got '" + text + "'");
  }
}
