package io.tokenjoule.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tokenjoule.energybench.SseDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of the server-sent-events reader: whatever the bytes, it either hands
 * over events or refuses an over-long line or event with {@link IllegalStateException}, and the
 * events do not depend on how the stream was cut into pieces.
 */
class SseDecoderFuzzTest {

  @FuzzTest(maxDuration = "20s")
  void decodesAnyBytesTheSameWholeOrInPieces(FuzzedDataProvider data) {
    int cut = data.consumeInt(0, 1024);
    byte[] stream = data.consumeRemainingAsBytes();
    List<String> whole = new ArrayList<>();
    List<String> pieced = new ArrayList<>();
    boolean wholeRefused = decode(whole, stream);
    SseDecoder decoder = new SseDecoder(pieced::add);
    boolean piecedRefused = false;
    try {
      int split = Math.min(cut, stream.length);
      decoder.feed(Arrays.copyOfRange(stream, 0, split));
      decoder.feed(Arrays.copyOfRange(stream, split, stream.length));
    } catch (IllegalStateException e) {
      piecedRefused = true;
    }
    assertEquals(wholeRefused, piecedRefused);
    if (!wholeRefused) {
      assertEquals(whole, pieced);
    }
  }

  private static boolean decode(List<String> events, byte[] stream) {
    try {
      new SseDecoder(events::add).feed(stream);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }
}
