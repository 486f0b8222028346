package io.tokenjoule.proxy;

import java.util.Objects;

/**
 * What the proxy learned from a metered request's body, and the body to send upstream.
 *
 * @param readable whether the body was a JSON object; an unreadable body is forwarded as it came
 *     and its response is not metered
 * @param model the {@code model} the request names, empty when it names none
 * @param stream whether the response will stream
 * @param clientAskedUsage whether the client itself asked for a usage chunk in the stream
 * @param usageInjected whether the proxy added {@code stream_options.include_usage}; the extra
 *     chunk is then taken out of the stream before the client sees it
 * @param body the bytes to send upstream: the client's, or the client's with the option added
 */
public record RequestInspection(
    boolean readable,
    String model,
    boolean stream,
    boolean clientAskedUsage,
    boolean usageInjected,
    byte[] body) {
  public RequestInspection {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(body, "body");
  }

  /** A body that is not a JSON object: forwarded untouched, not metered. */
  public static RequestInspection unreadable(byte[] body) {
    return new RequestInspection(false, "", false, false, false, body);
  }
}
