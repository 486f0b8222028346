package io.tokenjoule.scrape;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Selects samples by exact name, comparing bytes. Wanted names are grouped by length, so most names
 * on a page are rejected by one array lookup; the rest are compared from the last byte (names on a
 * page share long prefixes such as {@code vllm:}) and then whole.
 *
 * <p>Immutable and thread-safe.
 */
final class NameSetSelector implements SampleSelector {

  private final byte[][][] byLength;

  NameSetSelector(Collection<String> names) {
    List<byte[]> wanted = new ArrayList<>();
    int longest = 0;
    for (String name : new LinkedHashSet<>(names)) {
      byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
      if (utf8.length == 0) {
        throw new IllegalArgumentException("a selected name cannot be empty");
      }
      wanted.add(utf8);
      longest = Math.max(longest, utf8.length);
    }
    byLength = new byte[longest + 1][][];
    for (byte[] name : wanted) {
      byte[][] sameLength = byLength[name.length];
      if (sameLength == null) {
        byLength[name.length] = new byte[][] {name};
      } else {
        byte[][] grown = Arrays.copyOf(sameLength, sameLength.length + 1);
        grown[sameLength.length] = name;
        byLength[name.length] = grown;
      }
    }
  }

  @Override
  public boolean selects(byte[] utf8, int from, int to) {
    int length = to - from;
    if (length <= 0 || length >= byLength.length) {
      return false;
    }
    byte[][] candidates = byLength[length];
    if (candidates == null) {
      return false;
    }
    byte last = utf8[to - 1];
    for (byte[] candidate : candidates) {
      if (candidate[length - 1] == last && Arrays.equals(candidate, 0, length, utf8, from, to)) {
        return true;
      }
    }
    return false;
  }
}
