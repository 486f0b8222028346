package io.tokenjoule.grid;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * Collects a response body, refusing it as soon as it grows past a limit, so that a misbehaving
 * endpoint cannot make the agent buffer an unbounded answer.
 */
final class BoundedBodyCodec implements BodyCodec<Buffer> {

  /** The body grew past the limit; {@link #seenBytes} is how much had arrived by then. */
  static final class TooLarge extends RuntimeException {
    final long seenBytes;

    TooLarge(long seenBytes) {
      super("body larger than the limit", null, false, false);
      this.seenBytes = seenBytes;
    }
  }

  private final int maxBytes;

  BoundedBodyCodec(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public BodyStream<Buffer> stream() {
    return new Collector(maxBytes);
  }

  private static final class Collector implements BodyStream<Buffer> {
    private final int maxBytes;
    private final Buffer body = Buffer.buffer();
    private final Promise<Buffer> result = Promise.promise();

    Collector(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public Future<Buffer> result() {
      return result.future();
    }

    @Override
    public void handle(Throwable failure) {
      result.tryFail(failure);
    }

    @Override
    public Future<Void> write(Buffer chunk) {
      long seen = (long) body.length() + chunk.length();
      if (seen > maxBytes) {
        TooLarge tooLarge = new TooLarge(seen);
        result.tryFail(tooLarge);
        return Future.failedFuture(tooLarge);
      }
      body.appendBuffer(chunk);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      result.tryComplete(body);
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      return this;
    }
  }
}
