package io.tokenjoule.scrape;

import io.tokenjoule.MonotonicClock;
import java.util.Arrays;

/**
 * Collects a page's decoded bytes into one array, for callers that want the page whole (probe,
 * discovery, bench). The array grows with what arrives, never past {@code max_body_bytes}, which
 * the {@link BodyPipe} enforces before bytes reach it.
 */
final class BufferedBody implements BodySink<FetchedPage> {

  private final PageHead head;
  private final MonotonicClock clock;
  private byte[] bytes;
  private int length;

  BufferedBody(PageHead head, long declaredLength, long maxBodyBytes, MonotonicClock clock) {
    this.head = head;
    this.clock = clock;
    long initial = declaredLength >= 0 ? declaredLength : 16 * 1024;
    this.bytes = new byte[(int) Math.max(0, Math.min(initial, maxBodyBytes))];
  }

  @Override
  public void accept(byte[] chunk, int offset, int count) {
    if (length + count > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(length + count, 2 * bytes.length));
    }
    System.arraycopy(chunk, offset, bytes, length, count);
    length += count;
  }

  @Override
  public FetchedPage end() {
    return new FetchedPage(
        bytes,
        length,
        head.contentType(),
        head.sentSeconds(),
        head.headSeconds(),
        clock.nowSeconds());
  }
}
