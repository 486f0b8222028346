package io.tokenjoule.proxy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Reads a request body whole, refusing one larger than a limit as soon as it is known to be. */
final class BoundedBody {

  /** The body is over the limit (by its Content-Length, or by what arrived). */
  static final class TooLarge extends Exception {
    TooLarge() {
      super("request body over the limit", null, false, false);
    }
  }

  private BoundedBody() {}

  /**
   * @param request a paused request; it is resumed here
   * @return the body, or a failure with {@link TooLarge}, or with the connection's error
   */
  static Future<Buffer> read(HttpServerRequest request, long maxBytes) {
    Promise<Buffer> body = Promise.promise();
    String declared = request.getHeader("Content-Length");
    if (declared != null && declaredOver(declared, maxBytes)) {
      body.fail(new TooLarge());
      return body.future();
    }
    Buffer received = Buffer.buffer();
    request.handler(
        chunk -> {
          if (received.length() + (long) chunk.length() > maxBytes) {
            request.pause();
            body.tryFail(new TooLarge());
          } else {
            received.appendBuffer(chunk);
          }
        });
    request.exceptionHandler(body::tryFail);
    request.endHandler(end -> body.tryComplete(received));
    request.resume();
    return body.future();
  }

  private static boolean declaredOver(String declared, long maxBytes) {
    try {
      return Long.parseLong(declared.strip()) > maxBytes;
    } catch (NumberFormatException e) {
      return false; // a bad length is the server's to refuse; the bytes are still counted
    }
  }
}
