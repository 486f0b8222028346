package io.tokenjoule.scrape;

import java.util.Objects;

/**
 * One sample line of an exposition page.
 *
 * @param name the sample name as written (for example {@code vllm:prompt_tokens_total}); names
 *     quoted in the UTF-8 syntax come unquoted
 * @param labels its labels
 * @param value its value; may be NaN or infinite, as the format allows
 * @param timestampMillis the sample's own timestamp in milliseconds since the epoch, or {@link
 *     #NO_TIMESTAMP}
 */
public record Sample(String name, Labels labels, double value, long timestampMillis) {

  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  public Sample {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(labels, "labels");
  }

  public Sample(String name, Labels labels, double value) {
    this(name, labels, value, NO_TIMESTAMP);
  }
}
