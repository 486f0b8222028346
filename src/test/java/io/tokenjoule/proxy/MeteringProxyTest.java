package io.tokenjoule.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy in front of a test server with known token counts: tokens per tenant equal the server's
 * exactly, and what the client receives is byte for byte what the server would have sent it
 * directly, with the usage chunk only when the client asked for it.
 */
class MeteringProxyTest {

  private static final String CHAT = "/v1/chat/completions";
  private final ProxyFixture fixture = new ProxyFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  private static String chat(int maxTokens, boolean stream, String extra) {
    return "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"say three"
        + " little words\"}],\"max_tokens\":"
        + maxTokens
        + ",\"stream\":"
        + stream
        + extra
        + "}";
  }

  @Test
  void countsTheServersUsagePerApiKeyWithoutStreaming() throws Exception {
    HttpResponse<byte[]> proxied =
        fixture.post(fixture.proxyUrl(CHAT), chat(5, false, ""), "Authorization", "Bearer sk-a");
    HttpResponse<byte[]> direct = fixture.post(fixture.directUrl(CHAT), chat(5, false, ""));
    fixture.awaitRecords(1);

    assertEquals(200, proxied.statusCode());
    assertArrayEquals(direct.body(), proxied.body());
    String tenant = ApiKeyHash.label("sk-a");
    assertEquals(4, fixture.tokens(tenant, "test-model", "prompt", false));
    assertEquals(5, fixture.tokens(tenant, "test-model", "generated", false));
    assertEquals(1, fixture.requests(tenant, "test-model", RequestOutcome.OK));
  }

  @Test
  void asksForUsageInAStreamAndTakesTheExtraChunkOut() throws Exception {
    fixture.upstream.splitWrites(true);
    HttpResponse<byte[]> proxied =
        fixture.post(fixture.proxyUrl(CHAT), chat(6, true, ""), "Authorization", "Bearer sk-b");
    HttpResponse<byte[]> direct = fixture.post(fixture.directUrl(CHAT), chat(6, true, ""));
    fixture.awaitRecords(1);

    String received = new String(proxied.body(), StandardCharsets.UTF_8);
    assertArrayEquals(direct.body(), proxied.body(), received);
    assertFalse(received.contains("\"usage\""), received);
    assertTrue(fixture.upstream.served().get(0).body().contains("\"include_usage\":true"));
    String tenant = ApiKeyHash.label("sk-b");
    assertEquals(4, fixture.tokens(tenant, "test-model", "prompt", false));
    assertEquals(6, fixture.tokens(tenant, "test-model", "generated", false));
  }

  @Test
  void leavesTheUsageChunkWhenTheClientAskedForIt() throws Exception {
    String body = chat(3, true, ",\"stream_options\":{\"include_usage\":true}");
    HttpResponse<byte[]> proxied = fixture.post(fixture.proxyUrl(CHAT), body);
    HttpResponse<byte[]> direct = fixture.post(fixture.directUrl(CHAT), body);
    fixture.awaitRecords(1);

    String received = new String(proxied.body(), StandardCharsets.UTF_8);
    assertArrayEquals(direct.body(), proxied.body());
    assertTrue(received.contains("\"usage\":{\"prompt_tokens\":4"), received);
    assertEquals(fixture.upstream.served().get(0).body(), body, "forwarded unchanged");
    assertEquals(3, fixture.tokens(TenantResolver.UNKNOWN, "test-model", "generated", false));
  }

  @Test
  void streamsOllamaNdjsonUnchangedAndReadsItsCounts() throws Exception {
    fixture.upstream.splitWrites(true);
    for (String path : List.of("/api/generate", "/api/chat")) {
      String body =
          path.endsWith("chat")
              ? "{\"model\":\"llama3.2:1b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi"
                  + " there\"}],\"options\":{\"num_predict\":7}}"
              : "{\"model\":\"llama3.2:1b\",\"prompt\":\"why is the sky blue\","
                  + "\"options\":{\"num_predict\":7}}";
      HttpResponse<byte[]> proxied =
          fixture.post(fixture.proxyUrl(path), body, "X-Api-Key", "ignored");
      HttpResponse<byte[]> direct = fixture.post(fixture.directUrl(path), body);
      assertArrayEquals(direct.body(), proxied.body(), path);
      assertEquals("application/x-ndjson", proxied.headers().firstValue("Content-Type").get());
    }
    fixture.awaitRecords(2);

    assertEquals(2 + 5, fixture.tokens(TenantResolver.UNKNOWN, "llama3.2:1b", "prompt", false));
    assertEquals(14, fixture.tokens(TenantResolver.UNKNOWN, "llama3.2:1b", "generated", false));
  }

  @Test
  void readsOllamaCountsFromAWholeAnswer() throws Exception {
    String body =
        "{\"model\":\"llama3.2:1b\",\"prompt\":\"one two\",\"stream\":false,"
            + "\"options\":{\"num_predict\":4}}";
    HttpResponse<byte[]> proxied = fixture.post(fixture.proxyUrl("/api/generate"), body);
    fixture.awaitRecords(1);

    assertEquals(200, proxied.statusCode());
    assertEquals(
        List.of(new RequestRecord("unknown", "llama3.2:1b", RequestOutcome.OK, 2, 4, false)),
        fixture.records());
  }

  @Test
  void estimatesFromChunksWhenTheServerIgnoresTheUsageOption() throws Exception {
    fixture.upstream.behave(InferenceTestServer.Behaviour.IGNORE_USAGE_OPTION);
    HttpResponse<byte[]> proxied = fixture.post(fixture.proxyUrl(CHAT), chat(9, true, ""));
    HttpResponse<byte[]> direct = fixture.post(fixture.directUrl(CHAT), chat(9, true, ""));
    fixture.awaitRecords(1);

    assertArrayEquals(direct.body(), proxied.body());
    assertEquals(9, fixture.tokens("unknown", "test-model", "generated", true));
    assertEquals(0, fixture.tokens("unknown", "test-model", "generated", false));
    assertEquals(1, fixture.requests("unknown", "test-model", RequestOutcome.ESTIMATED));
  }

  @Test
  void forwardsAMalformedStreamAsItCameAndCountsItUnmetered() throws Exception {
    fixture.upstream.behave(InferenceTestServer.Behaviour.MALFORMED_EVENT);
    String body = chat(4, true, ",\"stream_options\":{\"include_usage\":false}");
    HttpResponse<byte[]> proxied = fixture.post(fixture.proxyUrl(CHAT), body);
    HttpResponse<byte[]> direct = fixture.post(fixture.directUrl(CHAT), body);
    fixture.awaitRecords(1);

    assertArrayEquals(direct.body(), proxied.body());
    assertEquals(1, fixture.requests("unknown", "test-model", RequestOutcome.UNMETERED));
    assertEquals(0, fixture.tokens("unknown", "test-model", "generated", true));
  }

  @Test
  void passesOtherRequestsThroughUnmetered() throws Exception {
    assertTrue(fixture.get(fixture.proxyUrl("/api/tags")).body().contains("llama3.2:1b"));
    assertTrue(fixture.get(fixture.proxyUrl("/v1/models")).body().contains("test-model"));
    assertEquals(List.of(), fixture.records());
    assertEquals(0, fixture.proxy.meters().inFlight());
  }
}
