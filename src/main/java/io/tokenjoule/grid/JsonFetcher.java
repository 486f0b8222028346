package io.tokenjoule.grid;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * GETs a JSON document from a provider within {@link FetchLimits}, and turns every way that can go
 * wrong into an {@link IntensityFetchException} whose message starts with the URL. Thread-safe.
 */
final class JsonFetcher implements AutoCloseable {

  /** Reads a provider's answer; throws {@link BadResponse} naming the field that is wrong. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(JsonAt root) throws BadResponse;
  }

  /** Finds the provider's own error message in an error answer, or returns null. */
  @FunctionalInterface
  interface ErrorMessage {
    String find(JsonNode body);
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final int MAX_PROVIDER_MESSAGE_CHARS = 200;

  private final Vertx vertx;
  private final WebClient client;
  private final FetchLimits limits;

  JsonFetcher(Vertx vertx, FetchLimits limits) {
    this.vertx = vertx;
    this.limits = limits;
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setUserAgent("tokenjoule")
                .setKeepAlive(true)
                .setName("tokenjoule-grid"));
  }

  <T> Future<T> get(
      String url, Map<String, String> headers, ErrorMessage errorMessage, Parser<T> parser) {
    long timeoutMillis = Math.max(1, limits.timeout().toMillis());
    Promise<T> result = Promise.promise();
    // The client's own timeout is reset by every chunk; this deadline bounds the whole exchange.
    long deadline = vertx.setTimer(timeoutMillis, id -> result.tryFail(timeout(url)));
    try {
      HttpRequest<Buffer> request =
          client
              .getAbs(url)
              .timeout(timeoutMillis)
              .connectTimeout(timeoutMillis)
              .putHeader("Accept", "application/json")
              .as(new BoundedBodyCodec(limits.maxBodyBytes()));
      headers.forEach(request::putHeader);
      request
          .send()
          .onComplete(
              done -> {
                vertx.cancelTimer(deadline);
                if (done.failed()) {
                  result.tryFail(transportFailure(url, done.cause()));
                  return;
                }
                try {
                  result.tryComplete(interpret(url, done.result(), errorMessage, parser));
                } catch (IntensityFetchException e) {
                  result.tryFail(e);
                }
              });
    } catch (RuntimeException e) {
      vertx.cancelTimer(deadline);
      result.tryFail(
          new IntensityFetchException(
              IntensityFetchError.CONNECTION, url + ": request failed (" + e.getMessage() + ")"));
    }
    return result.future();
  }

  private static <T> T interpret(
      String url, HttpResponse<Buffer> response, ErrorMessage errorMessage, Parser<T> parser)
      throws IntensityFetchException {
    Buffer body = response.body();
    if (response.statusCode() != 200) {
      throw new IntensityFetchException(
          IntensityFetchError.HTTP_STATUS,
          url
              + ": HTTP "
              + response.statusCode()
              + " "
              + response.statusMessage()
              + providerMessage(body, errorMessage)
              + retryAfter(response));
    }
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? new byte[0] : body.getBytes());
    } catch (JacksonException e) {
      throw new IntensityFetchException(
          IntensityFetchError.BAD_RESPONSE,
          url
              + ": response is not valid JSON ("
              + where(e.getLocation())
              + e.getOriginalMessage()
              + ")");
    } catch (IOException e) {
      throw new IntensityFetchException(
          IntensityFetchError.BAD_RESPONSE, url + ": response is not valid JSON (" + e + ")");
    }
    if (root == null || root.isMissingNode()) {
      throw new IntensityFetchException(
          IntensityFetchError.BAD_RESPONSE, url + ": response body is empty");
    }
    try {
      return parser.parse(JsonAt.root(root));
    } catch (BadResponse e) {
      throw new IntensityFetchException(e.error(), url + ": " + e.getMessage());
    }
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : "line " + location.getLineNr() + " column " + location.getColumnNr() + ": ";
  }

  /** ": the provider's message" when the error body is JSON and carries one, else "". */
  private static String providerMessage(Buffer body, ErrorMessage errorMessage) {
    if (body == null || body.length() == 0) {
      return "";
    }
    String found;
    try {
      found = errorMessage.find(JSON.readTree(body.getBytes()));
    } catch (IOException | RuntimeException notJson) {
      return "";
    }
    if (found == null || found.isBlank()) {
      return "";
    }
    String oneLine = found.replaceAll("\\p{Cntrl}+", " ").strip();
    return ": "
        + (oneLine.length() > MAX_PROVIDER_MESSAGE_CHARS
            ? oneLine.substring(0, MAX_PROVIDER_MESSAGE_CHARS) + "..."
            : oneLine);
  }

  private static String retryAfter(HttpResponse<Buffer> response) {
    String value = response.getHeader("Retry-After");
    return value == null || value.isBlank() || value.length() > 64
        ? ""
        : " (Retry-After: " + value.strip() + ")";
  }

  private IntensityFetchException timeout(String url) {
    return new IntensityFetchException(
        IntensityFetchError.TIMEOUT,
        url + ": no complete answer within " + limits.timeout().toMillis() + " ms");
  }

  private IntensityFetchException transportFailure(String url, Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof BoundedBodyCodec.TooLarge tooLarge) {
        return new IntensityFetchException(
            IntensityFetchError.BODY_TOO_LARGE,
            url
                + ": response larger than "
                + limits.maxBodyBytes()
                + " bytes (saw "
                + tooLarge.seenBytes
                + ")");
      }
      if (cause instanceof TimeoutException
          || cause.getClass().getSimpleName().contains("Timeout")) {
        return timeout(url);
      }
    }
    String what =
        error instanceof ConnectException
            ? "connection refused or unreachable"
            : error instanceof UnknownHostException ? "unknown host" : "connection failed";
    return new IntensityFetchException(
        IntensityFetchError.CONNECTION, url + ": " + what + " (" + error.getMessage() + ")");
  }

  @Override
  public void close() {
    client.close();
  }
}
