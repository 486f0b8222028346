package io.tokenjoule.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.config.ProxySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the proxy does when the client or the server misbehaves: nothing crashes, the client is
 * told, and every request is counted once with the tokens seen so far.
 */
class ProxyRobustnessTest {

  private static final String STREAM =
      "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"go\"}],"
          + "\"max_tokens\":1000,\"stream\":true}";

  @Test
  void aClientLeavingMidStreamCancelsTheUpstreamAndKeepsTheTokensSoFar() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture()) {
      fixture.upstream.tokenDelay(20);
      try (Socket socket = new Socket("127.0.0.1", fixture.proxy.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(rawPost("/v1/chat/completions", STREAM).getBytes(StandardCharsets.UTF_8));
        out.flush();
        String seen = readUntil(socket.getInputStream(), "tok3");
        assertTrue(seen.startsWith("HTTP/1.1 200"), seen);
      }
      fixture.awaitRecords(1);
      awaitServed(fixture);

      InferenceTestServer.Served served = fixture.upstream.served().get(0);
      assertTrue(served.cancelled(), "the upstream request was cancelled");
      assertTrue(served.generatedTokens() < 1000, "it stopped generating");
      RequestRecord record = fixture.records().get(0);
      assertEquals(RequestOutcome.CLIENT_CLOSED, record.outcome());
      assertTrue(record.estimated());
      assertTrue(record.generatedTokens() >= 3, "tokens seen before the client left: " + record);
      assertEquals(0, fixture.proxy.meters().inFlight());
    }
  }

  @Test
  void anUpstreamBreakingOffMidStreamResetsTheClientAndCountsWhatCame() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture()) {
      fixture.upstream.behave(InferenceTestServer.Behaviour.DROP_MID_STREAM);
      assertThrows(
          IOException.class, () -> fixture.post(fixture.proxyUrl("/v1/chat/completions"), STREAM));
      fixture.awaitRecords(1);

      RequestRecord record = fixture.records().get(0);
      assertEquals(RequestOutcome.UPSTREAM_FAILED, record.outcome());
      assertEquals(2, record.generatedTokens());
      assertTrue(record.estimated());
    }
  }

  @Test
  void anUpstreamThatNeverAnswersGets504AfterTheTimeout() throws Exception {
    try (ProxyFixture fixture =
        new ProxyFixture(
            s ->
                new ProxySettings(
                    s.upstream(),
                    s.tenantHeader(),
                    s.tenantMap(),
                    s.maxTenants(),
                    s.maxModels(),
                    s.maxRequestBytes(),
                    Duration.ofMillis(300),
                    s.connectTimeout(),
                    s.maxConnections()))) {
      fixture.upstream.behave(InferenceTestServer.Behaviour.HANG);
      HttpResponse<byte[]> answer = fixture.post(fixture.proxyUrl("/v1/chat/completions"), STREAM);

      assertEquals(504, answer.statusCode());
      assertTrue(new String(answer.body(), StandardCharsets.UTF_8).contains("did not answer"));
      fixture.awaitRecords(1);
      assertEquals(RequestOutcome.UPSTREAM_FAILED, fixture.records().get(0).outcome());
    }
  }

  @Test
  void anUpstreamThatIsDownGets502() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI down = URI.create("http://127.0.0.1:" + closedPort);
    try (ProxyFixture fixture = new ProxyFixture(s -> s.withUpstream(down))) {
      HttpResponse<byte[]> answer = fixture.post(fixture.proxyUrl("/v1/chat/completions"), STREAM);
      assertEquals(502, answer.statusCode());
      assertEquals(502, fixture.get(fixture.proxyUrl("/v1/models")).statusCode());
      fixture.awaitRecords(1);
      assertEquals(RequestOutcome.UPSTREAM_FAILED, fixture.records().get(0).outcome());
    }
  }

  @Test
  void anUpstreamErrorIsForwardedAndCountedAsOne() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture()) {
      fixture.upstream.behave(InferenceTestServer.Behaviour.HTTP_500);
      HttpResponse<byte[]> answer = fixture.post(fixture.proxyUrl("/v1/chat/completions"), STREAM);
      assertEquals(500, answer.statusCode());
      assertEquals(
          "{\"error\":\"engine failed\"}", new String(answer.body(), StandardCharsets.UTF_8));
      fixture.awaitRecords(1);
      assertEquals(RequestOutcome.HTTP_ERROR, fixture.records().get(0).outcome());
      assertEquals("unknown", fixture.records().get(0).model(), "a model never accepted");
    }
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413() throws Exception {
    try (ProxyFixture fixture =
        new ProxyFixture(
            s ->
                new ProxySettings(
                    s.upstream(),
                    s.tenantHeader(),
                    s.tenantMap(),
                    s.maxTenants(),
                    s.maxModels(),
                    1024,
                    s.upstreamTimeout(),
                    s.connectTimeout(),
                    s.maxConnections()))) {
      String big = STREAM.replace("\"go\"", "\"" + "word ".repeat(400) + "\"");
      HttpResponse<byte[]> answer = fixture.post(fixture.proxyUrl("/v1/chat/completions"), big);

      assertEquals(413, answer.statusCode());
      fixture.awaitRecords(1);
      assertEquals(RequestOutcome.TOO_LARGE, fixture.records().get(0).outcome());
      assertEquals(List.of(), fixture.upstream.served(), "nothing reached the server");
      HttpResponse<byte[]> small = fixture.post(fixture.proxyUrl("/v1/chat/completions"), STREAM);
      assertEquals(200, small.statusCode(), "the proxy serves on");
    }
  }

  private static String rawPost(String path, String body) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  private static String readUntil(InputStream in, String marker) throws IOException {
    StringBuilder seen = new StringBuilder();
    byte[] buffer = new byte[4096];
    while (!seen.toString().contains(marker)) {
      int read = in.read(buffer);
      if (read < 0) {
        break;
      }
      seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
    }
    return seen.toString();
  }

  private static void awaitServed(ProxyFixture fixture) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (fixture.upstream.served().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
