package io.tokenjoule.energybench;

import java.util.Locale;

/** Why a request failed; each kind is counted and reported on its own. */
public enum ErrorKind {
  /** The connection could not be made (refused, unreachable, unknown host). */
  CONNECTION,
  /** No complete answer within {@code --timeout}. */
  TIMEOUT,
  /** The server answered with a status other than 200. */
  HTTP_STATUS,
  /** A {@code data:} line that is not valid JSON, or a chunk of the wrong shape. */
  MALFORMED_STREAM,
  /** The stream ended or the connection dropped before {@code data: [DONE]}. */
  INCOMPLETE_STREAM,
  /** The server sent an {@code error} object in the stream. */
  STREAM_ERROR,
  /** The stream finished without a {@code usage} chunk, so the tokens are unknown. */
  NO_USAGE;

  /** The name in result.json and the summary, for example {@code http_status}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
