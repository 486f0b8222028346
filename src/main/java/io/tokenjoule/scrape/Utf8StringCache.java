package io.tokenjoule.scrape;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns UTF-8 byte ranges into Strings, handing back the same String for the same bytes. A page
 * repeats a handful of names and values ({@code model_name}, the model, {@code engine}) on every
 * line, so this saves most String allocations of a parse.
 *
 * <p>A small direct-mapped table: a colliding entry is replaced, never chained, so the cache stays
 * bounded. Not thread-safe: one instance per parse.
 */
final class Utf8StringCache {

  private static final int SLOTS = 128;
  private static final int MAX_CACHED_LENGTH = 128;

  private final byte[][] keys = new byte[SLOTS][];
  private final String[] strings = new String[SLOTS];

  String get(byte[] utf8, int from, int to) {
    int length = to - from;
    if (length == 0) {
      return "";
    }
    if (length > MAX_CACHED_LENGTH) {
      return new String(utf8, from, length, StandardCharsets.UTF_8);
    }
    int hash = length;
    for (int i = from; i < to; i++) {
      hash = 31 * hash + utf8[i];
    }
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    byte[] key = keys[slot];
    if (key != null && Arrays.equals(key, 0, key.length, utf8, from, to)) {
      return strings[slot];
    }
    String string = new String(utf8, from, length, StandardCharsets.UTF_8);
    keys[slot] = Arrays.copyOfRange(utf8, from, to);
    strings[slot] = string;
    return string;
  }
}
