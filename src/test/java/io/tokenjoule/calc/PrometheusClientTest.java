package io.tokenjoule.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.calc.FakePrometheus.Answer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client against a local server that answers with each of the API's documented shapes. */
class PrometheusClientTest {

  private static final Instant AT = Instant.parse("2026-01-02T03:04:05.250Z");

  private static List<VectorSample> query(Answer answer, Duration timeout) throws Exception {
    try (FakePrometheus prometheus = new FakePrometheus(q -> answer)) {
      return new PrometheusClient(prometheus.url(), timeout).query("up", AT);
    }
  }

  private static String failure(Answer answer) {
    return failure(answer, Duration.ofSeconds(5));
  }

  private static String failure(Answer answer, Duration timeout) {
    return assertThrows(PrometheusException.class, () -> query(answer, timeout)).getMessage();
  }

  @Test
  void readsAVectorWithLabelsAndValues() throws Exception {
    Answer answer =
        new Answer(
            200,
            """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"__name__":"up","job":"tokenjoule","instance":"gpu1:9847"},
               "value":[1767323045.25,"1"]},
              {"metric":{"job":"tokenjoule","instance":"gpu2:9847"},"value":[1767323045.25,"0.5e1"]},
              {"metric":{},"value":[1767323045.25,"NaN"]},
              {"metric":{},"value":[1767323045.25,"+Inf"]}
            ]},"warnings":["something to ignore"]}""");
    List<VectorSample> samples = query(answer, Duration.ofSeconds(5));
    assertEquals(4, samples.size());
    assertEquals(
        Map.of("__name__", "up", "job", "tokenjoule", "instance", "gpu1:9847"),
        samples.get(0).labels());
    assertEquals(1.0, samples.get(0).value());
    assertEquals(5.0, samples.get(1).value());
    assertTrue(Double.isNaN(samples.get(2).value()));
    assertEquals(Double.POSITIVE_INFINITY, samples.get(3).value());
  }

  @Test
  void anEmptyVectorIsAnEmptyList() throws Exception {
    assertEquals(List.of(), query(FakePrometheus.empty(), Duration.ofSeconds(5)));
  }

  @Test
  void asksTheInstantQueryEndpointWithTheExpressionAndTime() throws Exception {
    try (FakePrometheus prometheus = new FakePrometheus(q -> FakePrometheus.vector(1))) {
      URI withPrefix = URI.create(prometheus.url() + "/prom/");
      new PrometheusClient(withPrefix, Duration.ofSeconds(5))
          .query("sum(increase(x{server=\"a b\",kind=~\"p|g\"}[1h]))", AT);
      FakePrometheus.Asked asked = prometheus.asked().get(0);
      assertEquals("/prom/api/v1/query", asked.path());
      assertEquals("sum(increase(x{server=\"a b\",kind=~\"p|g\"}[1h]))", asked.query());
      assertEquals("1767323045.25", asked.time());
    }
  }

  @Test
  void unixSecondsKeepOnlyTheFractionThereIs() {
    assertEquals("1767323045.25", PrometheusClient.unixSeconds(AT));
    assertEquals("1767323045", PrometheusClient.unixSeconds(Instant.ofEpochSecond(1767323045)));
    assertEquals(
        "1767323045.000000001", PrometheusClient.unixSeconds(Instant.ofEpochSecond(1767323045, 1)));
  }

  @Test
  void anErrorBodySaysWhatPrometheusSaid() {
    String message =
        failure(
            FakePrometheus.error(
                400, "bad_data", "invalid parameter \"query\": 1:5: parse error: unexpected"));
    assertTrue(message.startsWith("Prometheus at http://127.0.0.1:"), message);
    assertTrue(
        message.endsWith(
            " rejected the query (HTTP 400, bad_data): invalid parameter \"query\": 1:5: parse"
                + " error: unexpected"),
        message);
    String timeout = failure(FakePrometheus.error(503, "timeout", "query timed out in expression"));
    assertTrue(timeout.endsWith("(HTTP 503, timeout): query timed out in expression"), timeout);
  }

  @Test
  void anHttpErrorWithoutTheApisBodySaysTheStatusAndTheStartOfTheBody() {
    String message =
        failure(new Answer(502, "<html><body>\n<h1>502 Bad Gateway</h1>\n</body></html>"));
    assertTrue(
        message.endsWith(
            " answered HTTP 502: <html><body> <h1>502 Bad Gateway</h1> </body></html>"),
        message);
  }

  @Test
  void garbageIsNotTakenForAnAnswer() {
    String notJson = failure(new Answer(200, "up 1\nprocess_cpu_seconds_total 3.2\n"));
    assertTrue(
        notJson.endsWith(
            " answered something that is not its API's JSON: up 1 process_cpu_seconds_total 3.2"),
        notJson);
    String otherJson = failure(new Answer(200, "{\"hello\":\"world\"}"));
    assertTrue(otherJson.contains("not its API's JSON: {\"hello\":\"world\"}"), otherJson);
    String empty = failure(new Answer(200, ""));
    assertTrue(empty.endsWith("not its API's JSON: (empty body)"), empty);
    String longBody = failure(new Answer(200, "x".repeat(500)));
    assertTrue(longBody.endsWith("x".repeat(120) + "..."), longBody);
  }

  @Test
  void aResultThatIsNotAVectorIsRefused() {
    String matrix =
        failure(
            new Answer(
                200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"));
    assertTrue(matrix.endsWith(" answered a matrix where a vector was expected"), matrix);
    String badValue =
        failure(
            new Answer(
                200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                    + "[{\"metric\":{},\"value\":[1,\"lots\"]}]}}"));
    assertTrue(
        badValue.contains("answered a vector element that is not {metric, value}"), badValue);
  }

  @Test
  void aSlowAnswerTimesOut() {
    long start = System.nanoTime();
    String message =
        failure(
            new Answer(200, FakePrometheus.empty().body(), Duration.ofSeconds(5)),
            Duration.ofMillis(300));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(message.endsWith(" did not answer within 300ms"), message);
    assertTrue(millis < 3_000, "took " + millis + " ms");
  }

  @Test
  void aRefusedConnectionSaysSo() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    PrometheusClient client =
        new PrometheusClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5));
    String message =
        assertThrows(PrometheusException.class, () -> client.query("up", AT)).getMessage();
    assertEquals(
        "cannot connect to Prometheus at http://127.0.0.1:"
            + port
            + ": connection refused or host unreachable",
        message);
  }

  @Test
  void onlyHttpBaseUrlsAreAccepted() {
    for (String url : new String[] {"ftp://host", "localhost:9090", "http://host/?q=1"}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> new PrometheusClient(URI.create(url), Duration.ofSeconds(1)),
          url);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> new PrometheusClient(URI.create("http://host"), Duration.ZERO));
  }
}
