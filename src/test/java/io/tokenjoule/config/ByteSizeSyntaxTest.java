package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteSizeSyntaxTest {

  @Test
  void readsPlainByteCounts() {
    assertEquals(1_048_576L, ByteSizeSyntax.parse("1048576"));
    assertEquals(0L, ByteSizeSyntax.parse("0"));
    assertEquals(42L, ByteSizeSyntax.parse("42B"));
  }

  @Test
  void readsBinaryUnitsAsPowersOf1024() {
    assertEquals(524_288L, ByteSizeSyntax.parse("512KiB"));
    assertEquals(16_777_216L, ByteSizeSyntax.parse("16MiB"));
    assertEquals(1_073_741_824L, ByteSizeSyntax.parse("1GiB"));
    assertEquals(1_099_511_627_776L, ByteSizeSyntax.parse("1TiB"));
  }

  @Test
  void readsDecimalUnitsAsPowersOf1000() {
    assertEquals(1_000L, ByteSizeSyntax.parse("1kB"));
    assertEquals(1_000L, ByteSizeSyntax.parse("1KB"));
    assertEquals(10_000_000L, ByteSizeSyntax.parse("10MB"));
    assertEquals(2_000_000_000L, ByteSizeSyntax.parse("2GB"));
    assertEquals(3_000_000_000_000L, ByteSizeSyntax.parse("3TB"));
  }

  @Test
  void rejectsOtherForms() {
    for (String text : new String[] {"", "16XB", "1.5GiB", "-1", "MiB", "16 MiB", "16mib", "1e6"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ByteSizeSyntax.parse(text), text);
      assertEquals(
          "expected a byte count or a size such as 512KiB, 16MiB or 10MB, got '" + text + "'",
          e.getMessage());
    }
  }

  @Test
  void rejectsOverflow() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ByteSizeSyntax.parse("9000000TiB"));
    assertEquals("size '9000000TiB' is too large", e.getMessage());
  }

  @Test
  void formatsInTheLargestExactBinaryUnit() {
    assertEquals("16MiB", ByteSizeSyntax.format(16L << 20));
    assertEquals("1GiB", ByteSizeSyntax.format(1L << 30));
    assertEquals("1KiB", ByteSizeSyntax.format(1024));
    assertEquals("1500B", ByteSizeSyntax.format(1500));
    assertEquals("1025KiB", ByteSizeSyntax.format(1025L * 1024));
    assertEquals("0B", ByteSizeSyntax.format(0));
  }
}
