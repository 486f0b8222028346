package io.tokenjoule.scrape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentDecoderTest {

  private static final byte[] PAGE =
      "vllm:generation_tokens_total{model_name=\"m\"} 42\n"
          .repeat(500)
          .getBytes(StandardCharsets.UTF_8);

  private static byte[] decodeInPieces(ContentDecoder decoder, byte[] encoded, int piece)
      throws ScrapeFailure {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int from = 0; from < encoded.length; from += piece) {
      decoder.decode(
          encoded,
          from,
          Math.min(piece, encoded.length - from),
          (b, o, l) -> {
            out.write(b, o, l);
            return true;
          });
    }
    decoder.end();
    decoder.close();
    return out.toByteArray();
  }

  @Test
  void gzipInAnyPiecesAndSeveralMembers() throws Exception {
    byte[] twoMembers = concat(gzip(PAGE), gzip(PAGE));
    for (int piece : new int[] {1, 3, 10, 1 << 16}) {
      assertArrayEquals(
          concat(PAGE, PAGE),
          decodeInPieces(ContentDecoder.forEncoding("gzip", "u"), twoMembers, piece),
          "pieces of " + piece);
    }
  }

  @Test
  void gzipHeaderWithNameCommentExtraAndCrc() throws Exception {
    byte[] plain = gzip(PAGE);
    ByteArrayOutputStream withFields = new ByteArrayOutputStream();
    withFields.write(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
    withFields.write(new byte[] {3, 0, 'a', 'b', 'c'});
    withFields.write("name\0comment\0".getBytes(StandardCharsets.US_ASCII));
    withFields.write(new byte[] {0, 0});
    withFields.write(plain, 10, plain.length - 10);
    assertArrayEquals(
        PAGE, decodeInPieces(ContentDecoder.forEncoding("gzip", "u"), withFields.toByteArray(), 2));
  }

  @Test
  void deflateAsZlibOrRaw() throws Exception {
    ByteArrayOutputStream zlib = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(zlib)) {
      out.write(PAGE);
    }
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (DeflaterOutputStream out =
        new DeflaterOutputStream(raw, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
      out.write(PAGE);
    }
    assertArrayEquals(
        PAGE, decodeInPieces(ContentDecoder.forEncoding("deflate", "u"), zlib.toByteArray(), 5));
    assertArrayEquals(
        PAGE, decodeInPieces(ContentDecoder.forEncoding("deflate", "u"), raw.toByteArray(), 5));
  }

  @Test
  void aBombIsInflatedOneBlockAtATimeAndStopsWhenRefused() throws Exception {
    byte[] bomb = gzip(new byte[64 << 20]);
    assertTrue(bomb.length < 128 << 10, "about 1000:1");
    ContentDecoder decoder = ContentDecoder.forEncoding("gzip", "u");
    long[] seen = new long[2];
    boolean more =
        decoder.decode(
            bomb,
            0,
            bomb.length,
            (b, o, l) -> {
              assertTrue(l <= InflatingDecoder.BLOCK_BYTES);
              seen[0] += l;
              return seen[0] < (1 << 20);
            });
    decoder.close();
    assertFalse(more);
    assertTrue(seen[0] < (1 << 20) + InflatingDecoder.BLOCK_BYTES, "stopped at " + seen[0]);
  }

  @Test
  void brokenOrCutStreamsAndUnknownEncodingsFailNamingWhy() throws Exception {
    byte[] gz = gzip(PAGE);
    ScrapeFailure cut =
        assertThrows(
            ScrapeFailure.class,
            () ->
                decodeInPieces(
                    ContentDecoder.forEncoding("gzip", "u"), Arrays.copyOf(gz, gz.length / 2), 7));
    assertEquals("gzip body cut short", cut.getMessage());
    assertThrows(
        ScrapeFailure.class,
        () -> decodeInPieces(ContentDecoder.forEncoding("gzip", "u"), PAGE, 7));
    ScrapeFailure unknown =
        assertThrows(ScrapeFailure.class, () -> ContentDecoder.forEncoding("br", "http://x/m"));
    assertEquals(ScrapeError.ENCODING, unknown.error());
    assertEquals(
        "http://x/m: unsupported Content-Encoding 'br' (gzip, deflate or none)",
        unknown.getMessage());
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
