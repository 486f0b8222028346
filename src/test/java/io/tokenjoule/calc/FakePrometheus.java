package io.tokenjoule.calc;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local HTTP server that answers {@code /api/v1/query} the way Prometheus's HTTP API does, with
 * answers chosen per PromQL expression; it records every query and time it was asked.
 */
public final class FakePrometheus implements AutoCloseable {

  /** One HTTP answer, sent after {@code delay}. */
  public record Answer(int status, String body, Duration delay) {
    public Answer(int status, String body) {
      this(status, body, Duration.ZERO);
    }
  }

  /** What a request asked: the {@code query} and {@code time} parameters and the path. */
  public record Asked(String path, String query, String time) {}

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<Asked> asked = new CopyOnWriteArrayList<>();

  public FakePrometheus(Function<String, Answer> answers) {
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  String query = request.getParam("query");
                  asked.add(new Asked(request.path(), query, request.getParam("time")));
                  Answer answer =
                      request.path().endsWith("/api/v1/query")
                          ? answers.apply(query)
                          : new Answer(404, "404 page not found\n");
                  Runnable send =
                      () ->
                          request
                              .response()
                              .setStatusCode(answer.status())
                              .putHeader("Content-Type", "application/json")
                              .end(answer.body());
                  if (answer.delay().isZero()) {
                    send.run();
                  } else {
                    vertx.setTimer(answer.delay().toMillis(), id -> send.run());
                  }
                })
            .listen(0, "127.0.0.1")
            .await();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  public List<Asked> asked() {
    return List.copyOf(asked);
  }

  /** A successful instant query with one series without labels, as {@code sum(...)} returns. */
  public static Answer vector(double value) {
    return new Answer(
        200,
        String.format(
            Locale.ROOT,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                + "[{\"metric\":{},\"value\":[1700000000.5,\"%s\"]}]}}",
            goFloat(value)));
  }

  /** A successful instant query that matched no series. */
  public static Answer empty() {
    return new Answer(
        200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
  }

  /** Prometheus's error body, as it answers a query it cannot run. */
  public static Answer error(int status, String errorType, String error) {
    return new Answer(
        status,
        "{\"status\":\"error\",\"errorType\":\""
            + errorType
            + "\",\"error\":\""
            + error.replace("\"", "\\\"")
            + "\"}");
  }

  /** How Go's strconv.FormatFloat(v, 'f', -1, 64) writes the special values. */
  private static String goFloat(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return java.math.BigDecimal.valueOf(value).toPlainString();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
