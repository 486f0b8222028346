package io.tokenjoule.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumberParserTest {

  private final NumberParser numbers = new NumberParser();

  private double parse(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    assertTrue(numbers.parseDouble(bytes, 0, bytes.length), "should parse: " + text);
    return numbers.value;
  }

  private boolean rejects(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    return !numbers.parseDouble(bytes, 0, bytes.length);
  }

  @Test
  void goStyleFloats() {
    assertEquals(1_500_000.0, parse("1.5e+06"));
    assertEquals(1_234_567.0, parse("1.234567e+06"));
    assertEquals(1718000000.123456, parse("1.718000000123456e+09"));
    assertEquals(0.001, parse("1e-3"));
    assertEquals(0.001, parse("1E-03"));
    assertEquals(42.0, parse("42"));
    assertEquals(42.0, parse("+42"));
    assertEquals(-7.25, parse("-7.25"));
    assertEquals(0.5, parse(".5"));
    assertEquals(1.0, parse("1."));
    assertEquals(0.1, parse("0.1"));
    assertEquals(0.060000000000000005, parse("0.060000000000000005"));
  }

  @Test
  void negativeZeroKeepsItsSign() {
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(parse("-0")));
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(parse("0.0")));
  }

  @Test
  void specialValuesInAnyCase() {
    assertTrue(Double.isNaN(parse("NaN")));
    assertTrue(Double.isNaN(parse("nan")));
    assertEquals(Double.POSITIVE_INFINITY, parse("+Inf"));
    assertEquals(Double.POSITIVE_INFINITY, parse("Inf"));
    assertEquals(Double.POSITIVE_INFINITY, parse("infinity"));
    assertEquals(Double.NEGATIVE_INFINITY, parse("-Inf"));
  }

  @Test
  void valuesBeyondTheFastPathStillExact() {
    assertEquals(1.2345678901234567e19, parse("12345678901234567890"));
    assertEquals(1e300, parse("1e300"));
    assertEquals(4.9e-324, parse("4.9e-324"));
    assertEquals(Double.POSITIVE_INFINITY, parse("1e400"));
    assertEquals(9007199254740993.0, parse("9007199254740993"));
  }

  @Test
  void rejectsWhatIsNotAFloat() {
    assertTrue(rejects(""));
    assertTrue(rejects("-"));
    assertTrue(rejects("."));
    assertTrue(rejects("1.2.3"));
    assertTrue(rejects("1e"));
    assertTrue(rejects("1e+"));
    assertTrue(rejects("0x10"));
    assertTrue(rejects("1d"));
    assertTrue(rejects("1f"));
    assertTrue(rejects("12,5"));
    assertTrue(rejects("Infinit"));
    assertTrue(rejects("--1"));
    assertTrue(rejects("1_000"));
  }

  @Test
  void agreesWithJavaOnRandomDecimals() {
    Random random = new Random(42);
    for (int i = 0; i < 100_000; i++) {
      String text = randomDecimal(random);
      assertEquals(
          Double.doubleToRawLongBits(Double.parseDouble(text)),
          Double.doubleToRawLongBits(parse(text)),
          text);
    }
  }

  private static String randomDecimal(Random random) {
    StringBuilder out = new StringBuilder();
    if (random.nextInt(4) == 0) {
      out.append('-');
    }
    int integerDigits = random.nextInt(21);
    for (int i = 0; i < integerDigits; i++) {
      out.append((char) ('0' + random.nextInt(10)));
    }
    if (integerDigits == 0 || random.nextBoolean()) {
      out.append('.');
      int fractionDigits = 1 + random.nextInt(20);
      for (int i = 0; i < fractionDigits; i++) {
        out.append((char) ('0' + random.nextInt(10)));
      }
    }
    if (random.nextInt(3) == 0) {
      out.append(random.nextBoolean() ? "e" : "E");
      out.append(random.nextBoolean() ? "-" : "+");
      out.append(random.nextInt(40));
    }
    return out.toString();
  }

  @Test
  void integerTimestamps() {
    byte[] bytes = "1718000000123".getBytes(StandardCharsets.US_ASCII);
    assertTrue(numbers.parseLong(bytes, 0, bytes.length));
    assertEquals(1718000000123L, numbers.longValue);
    bytes = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
    assertTrue(numbers.parseLong(bytes, 0, bytes.length));
    assertEquals(Long.MIN_VALUE, numbers.longValue);
    bytes = "9223372036854775807".getBytes(StandardCharsets.US_ASCII);
    assertTrue(numbers.parseLong(bytes, 0, bytes.length));
    assertEquals(Long.MAX_VALUE, numbers.longValue);
    for (String bad : new String[] {"9223372036854775808", "1.5", "", "-", "12a", "1e3"}) {
      byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
      assertFalse(numbers.parseLong(b, 0, b.length), bad);
    }
  }
}
