package io.tokenjoule.scrape;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * Which samples of a page the parser keeps, judged by the sample name alone.
 *
 * <p>The parser asks before it reads a line's labels and value, so a line that is not selected
 * costs one name scan and allocates nothing. Implementations must be thread-safe, must not
 * allocate, and must not keep the array.
 */
@FunctionalInterface
public interface SampleSelector {

  /**
   * Whether samples with this name are wanted.
   *
   * @param utf8 bytes holding the sample name, unquoted and unescaped
   * @param from index of the name's first byte
   * @param to index just past the name's last byte
   */
  boolean selects(byte[] utf8, int from, int to);

  /** Whether samples named {@code name} are wanted; a convenience for callers holding a String. */
  default boolean selects(String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    return selects(utf8, 0, utf8.length);
  }

  /** Keeps every sample. */
  static SampleSelector all() {
    return (utf8, from, to) -> true;
  }

  /** Keeps the samples whose name is exactly one of {@code names}. */
  static SampleSelector names(Collection<String> names) {
    return new NameSetSelector(names);
  }

  /** Keeps the samples whose name is exactly one of {@code names}. */
  static SampleSelector names(String... names) {
    return new NameSetSelector(Arrays.asList(names));
  }
}
