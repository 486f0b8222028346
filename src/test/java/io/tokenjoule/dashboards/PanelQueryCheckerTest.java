package io.tokenjoule.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.tokenjoule.dashboards.PanelQueryChecker.PanelQuery;
import io.tokenjoule.dashboards.PanelQueryChecker.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checker itself, against a fake Prometheus that answers canned bodies: a panel whose query
 * returns nothing, NaN, infinity or an error fails, with what came back; data passes.
 */
class PanelQueryCheckerTest {

  private static final String VECTOR =
      "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[%s]}}";
  private static final String SERIES =
      "{\"metric\":{\"server\":\"%s\"},\"value\":[1700000000,\"%s\"]}";

  private static final Map<String, Answer> ANSWERS =
      Map.of(
          "empty", new Answer(200, String.format(VECTOR, "")),
          "data",
              new Answer(
                  200,
                  String.format(
                      VECTOR,
                      String.format(SERIES, "a", "0.25")
                          + ","
                          + String.format(SERIES, "b", "1e-3"))),
          "nan",
              new Answer(
                  200,
                  String.format(
                      VECTOR,
                      String.format(SERIES, "a", "0.25")
                          + ","
                          + String.format(SERIES, "b", "NaN"))),
          "inf", new Answer(200, String.format(VECTOR, String.format(SERIES, "a", "+Inf"))),
          "scalar",
              new Answer(
                  200,
                  "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000,\"3\"]}}"),
          "matrix",
              new Answer(
                  200,
                  "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"),
          "bad",
              new Answer(
                  400,
                  "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected\"}"));

  private record Answer(int status, String body) {}

  private HttpServer server;
  private final List<String> queriesReceived = new CopyOnWriteArrayList<>();
  private PanelQueryChecker checker;

  @BeforeEach
  void startFakePrometheus() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/query",
        exchange -> {
          String raw = exchange.getRequestURI().getRawQuery();
          String query =
              URLDecoder.decode(raw.substring(raw.indexOf("query=") + 6), StandardCharsets.UTF_8);
          queriesReceived.add(query);
          Answer answer = ANSWERS.getOrDefault(query, new Answer(500, "unexpected query"));
          byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answer.status(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    checker =
        new PanelQueryChecker(
            new PrometheusApi(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aPanelWhoseQueryReturnsNothingFails() {
    Verdict verdict = checker.check(query("empty"));
    assertFalse(verdict.passed());
    assertEquals("an empty vector: no series, the panel shows No data", verdict.cameBack());
    assertEquals(
        "Fleet / J/token / A: an empty vector: no series, the panel shows No data\n  query: empty",
        verdict.report());
  }

  @Test
  void finiteSeriesPass() {
    Verdict verdict = checker.check(query("data"));
    assertTrue(verdict.passed(), verdict.report());
    assertEquals(
        "2 series: {\"server\":\"a\"} = 0.25, {\"server\":\"b\"} = 1e-3", verdict.cameBack());
    assertEquals(List.of("data"), queriesReceived);
  }

  @Test
  void aNanAmongTheSeriesFails() {
    Verdict verdict = checker.check(query("nan"));
    assertFalse(verdict.passed());
    assertEquals("1 of 2 series not finite: {\"server\":\"b\"} = NaN", verdict.cameBack());
  }

  @Test
  void infinityFails() {
    Verdict verdict = checker.check(query("inf"));
    assertFalse(verdict.passed());
    assertEquals("1 of 1 series not finite: {\"server\":\"a\"} = +Inf", verdict.cameBack());
  }

  @Test
  void aFiniteScalarPasses() {
    assertTrue(checker.check(query("scalar")).passed());
  }

  @Test
  void aRangeVectorFails() {
    Verdict verdict = checker.check(query("matrix"));
    assertFalse(verdict.passed());
    assertTrue(verdict.cameBack().startsWith("a matrix result"), verdict.cameBack());
  }

  @Test
  void anErrorFailsWithPrometheussMessage() {
    Verdict verdict = checker.check(query("bad"));
    assertFalse(verdict.passed());
    assertEquals("HTTP 400, bad_data: 1:5: parse error: unexpected", verdict.cameBack());
  }

  @Test
  void anUnreachablePrometheusFails() {
    server.stop(0);
    Verdict verdict = checker.check(query("data"));
    assertFalse(verdict.passed());
    assertTrue(verdict.cameBack().startsWith("HTTP 0, no answer from"), verdict.cameBack());
  }

  private static PanelQuery query(String expr) {
    return new PanelQuery("Fleet", "J/token", "A", expr);
  }
}
