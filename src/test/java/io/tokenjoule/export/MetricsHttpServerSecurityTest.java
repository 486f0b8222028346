package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokenjoule.config.ClientAuthPolicy;
import io.tokenjoule.config.TlsVersion;
import io.tokenjoule.config.WebConfig;
import io.tokenjoule.config.WebTlsConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsHttpServerSecurityTest {

  @TempDir static Path dir;
  private static TestCertificates server;
  private static TestCertificates client;

  private final Vertx vertx = Vertx.vertx();
  private MetricsHttpServer http;

  @BeforeAll
  static void certificates() throws Exception {
    server = TestCertificates.generate(dir, "server");
    client = TestCertificates.generate(dir, "client");
  }

  @AfterEach
  void stop() {
    if (http != null) {
      http.close();
    }
    vertx.close().await();
  }

  private int start(WebConfig config) {
    http =
        new MetricsHttpServer(
            vertx,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            () -> true,
            "t",
            config,
            null);
    return http.start("127.0.0.1", 0).await();
  }

  private static WebConfig tls(ClientAuthPolicy auth, TlsVersion min) {
    Optional<Path> ca = auth.verifiesClients() ? Optional.of(client.certPem) : Optional.empty();
    return new WebConfig(
        Optional.of(
            new WebTlsConfig(server.certPem, server.keyPem, auth, ca, min, TlsVersion.TLS13)),
        Map.of());
  }

  private static HttpResponse<String> get(HttpClient client, String url, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpClient https(SSLContext context, String... protocols) {
    HttpClient.Builder builder =
        HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5));
    if (protocols.length > 0) {
      builder.sslParameters(new SSLParameters(null, protocols));
    }
    return builder.build();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void withTlsHttpsServesAndPlainHttpIsRefused() throws Exception {
    int port = start(tls(ClientAuthPolicy.NO_CLIENT_CERT, TlsVersion.TLS12));

    HttpResponse<String> ok =
        get(
            https(TestCertificates.clientContext(server, null)),
            "https://127.0.0.1:" + port + "/healthz",
            null);
    assertEquals(200, ok.statusCode());
    assertEquals("ok\n", ok.body());

    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThrows(
        IOException.class, () -> get(plain, "http://127.0.0.1:" + port + "/healthz", null));
  }

  @Test
  void anUntrustedServerCertificateIsRejectedByTheClient() throws Exception {
    int port = start(tls(ClientAuthPolicy.NO_CLIENT_CERT, TlsVersion.TLS12));
    // The client trusts only the client certificate, not the server's.
    HttpClient wrongTrust = https(TestCertificates.clientContext(client, null));
    assertThrows(
        IOException.class, () -> get(wrongTrust, "https://127.0.0.1:" + port + "/healthz", null));
  }

  @Test
  void minVersionTls13RefusesATls12OnlyClient() throws Exception {
    int port = start(tls(ClientAuthPolicy.NO_CLIENT_CERT, TlsVersion.TLS13));
    SSLContext context = TestCertificates.clientContext(server, null);
    String url = "https://127.0.0.1:" + port + "/healthz";

    assertThrows(IOException.class, () -> get(https(context, "TLSv1.2"), url, null));
    assertEquals(200, get(https(context, "TLSv1.3"), url, null).statusCode());
  }

  @Test
  void requireAndVerifyClientCertRefusesAClientWithoutOne() throws Exception {
    int port = start(tls(ClientAuthPolicy.REQUIRE_AND_VERIFY_CLIENT_CERT, TlsVersion.TLS12));
    String url = "https://127.0.0.1:" + port + "/healthz";

    HttpClient anonymous = https(TestCertificates.clientContext(server, null));
    assertThrows(IOException.class, () -> get(anonymous, url, null));

    HttpClient withCert = https(TestCertificates.clientContext(server, client));
    assertEquals(200, get(withCert, url, null).statusCode());
  }

  @Test
  void requireAndVerifyClientCertRefusesACertificateFromAnotherCa() throws Exception {
    int port = start(tls(ClientAuthPolicy.REQUIRE_AND_VERIFY_CLIENT_CERT, TlsVersion.TLS12));
    // The server certificate is not signed by client_ca_file (the client certificate).
    HttpClient stranger = https(TestCertificates.clientContext(server, server));
    assertThrows(
        IOException.class, () -> get(stranger, "https://127.0.0.1:" + port + "/healthz", null));
  }

  @Test
  void basicAuthProtectsEveryPathButTheProbes() throws Exception {
    String hash =
        new String(BCrypt.withDefaults().hash(4, "s3cret".toCharArray()), StandardCharsets.UTF_8);
    List<String> reloads = new CopyOnWriteArrayList<>();
    http =
        new MetricsHttpServer(
            vertx,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            () -> true,
            "t",
            new WebConfig(Optional.empty(), Map.of("prometheus", hash)),
            () -> reloads.add("reload"));
    int port = http.start("127.0.0.1", 0).await();
    HttpClient plain = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port;

    HttpResponse<String> healthz = get(plain, base + "/healthz", null);
    assertEquals(200, healthz.statusCode());
    assertEquals("ok\n", healthz.body());
    HttpResponse<String> readyz = get(plain, base + "/readyz", null);
    assertEquals(200, readyz.statusCode());
    assertEquals("ready\n", readyz.body());
    HttpResponse<String> reload =
        plain.send(
            HttpRequest.newBuilder(URI.create(base + "/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, reload.statusCode());
    assertEquals(List.of(), reloads);
    for (String path : new String[] {"/metrics", "/", "/nope"}) {
      HttpResponse<String> missing = get(plain, base + path, null);
      assertEquals(401, missing.statusCode(), path);
      assertEquals(
          "Basic realm=\"tokenjoule\", charset=\"UTF-8\"",
          missing.headers().firstValue("WWW-Authenticate").orElse(""));
    }
    assertEquals(401, get(plain, base + "/metrics", basic("prometheus", "wrong")).statusCode());
    assertEquals(401, get(plain, base + "/metrics", basic("nobody", "s3cret")).statusCode());
    assertEquals(401, get(plain, base + "/metrics", "Bearer s3cret").statusCode());
    assertEquals(401, get(plain, base + "/metrics", "Basic !!!notbase64").statusCode());

    HttpResponse<String> ok = get(plain, base + "/", basic("prometheus", "s3cret"));
    assertEquals(200, ok.statusCode());
    assertEquals(true, ok.body().startsWith("<!DOCTYPE html>"));
    // Served from the verification cache the second time; still the same answer.
    assertEquals(200, get(plain, base + "/metrics", basic("prometheus", "s3cret")).statusCode());
    assertEquals(401, get(plain, base + "/metrics", basic("prometheus", "s3cret2")).statusCode());
    HttpResponse<String> reloadWithCredentials =
        plain.send(
            HttpRequest.newBuilder(URI.create(base + "/-/reload"))
                .header("Authorization", basic("prometheus", "s3cret"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(202, reloadWithCredentials.statusCode());
    assertEquals(List.of("reload"), reloads);
    assertEquals(404, get(plain, base + "/nope", basic("prometheus", "s3cret")).statusCode());
  }

  @Test
  void aFloodOfWrongPasswordsIsBoundedAndNeverHoldsUpTheVerifiedScraper() throws Exception {
    String hash =
        new String(BCrypt.withDefaults().hash(10, "s3cret".toCharArray()), StandardCharsets.UTF_8);
    int port = start(new WebConfig(Optional.empty(), Map.of("prometheus", hash)));
    // HTTP/1.1, as Prometheus scrapes: each request of the flood on a connection of its own.
    HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpClient attacker = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String url = "http://127.0.0.1:" + port + "/metrics";
    assertEquals(200, get(plain, url, basic("prometheus", "s3cret")).statusCode());

    List<CompletableFuture<HttpResponse<Void>>> flood = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      flood.add(
          attacker.sendAsync(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Authorization", basic("prometheus", "guess" + i))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.discarding()));
    }
    for (int i = 0; i < 5; i++) {
      assertEquals(200, get(plain, url, basic("prometheus", "s3cret")).statusCode());
    }
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (CompletableFuture<HttpResponse<Void>> response : flood) {
      statuses.merge(response.get(60, TimeUnit.SECONDS).statusCode(), 1, Integer::sum);
    }

    assertTrue(Set.of(401, 429, 503).containsAll(statuses.keySet()), statuses.toString());
    // Most were refused without running bcrypt: the queue was full (503) or the address backed off.
    assertTrue(statuses.getOrDefault(401, 0) <= 50, statuses.toString());
    assertEquals(429, get(plain, url, basic("prometheus", "one more guess")).statusCode());
    assertEquals(200, get(plain, url, basic("prometheus", "s3cret")).statusCode());
  }

  @Test
  void basicAuthOverTlsWithClientCertificate() throws Exception {
    String hash =
        new String(BCrypt.withDefaults().hash(4, "pw".toCharArray()), StandardCharsets.UTF_8);
    WebConfig tlsOnly = tls(ClientAuthPolicy.REQUIRE_AND_VERIFY_CLIENT_CERT, TlsVersion.TLS12);
    int port = start(new WebConfig(tlsOnly.tls(), Map.of("u", hash)));
    HttpClient withCert = https(TestCertificates.clientContext(server, client));
    String url = "https://127.0.0.1:" + port + "/metrics";

    assertEquals(401, get(withCert, url, null).statusCode());
    assertEquals(200, get(withCert, url, basic("u", "pw")).statusCode());
  }
}
