package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tokenjoule.config.ClientAuthPolicy;
import io.tokenjoule.config.TlsVersion;
import io.tokenjoule.config.WebTlsConfig;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsOptionsTest {

  @Test
  void protocolsSpanMinToMax() {
    assertEquals(
        List.of("TLSv1.2", "TLSv1.3"),
        List.copyOf(HttpsOptions.protocols(TlsVersion.TLS12, TlsVersion.TLS13)));
    assertEquals(
        List.of("TLSv1.3"),
        List.copyOf(HttpsOptions.protocols(TlsVersion.TLS13, TlsVersion.TLS13)));
    assertEquals(
        List.of("TLSv1.2"),
        List.copyOf(HttpsOptions.protocols(TlsVersion.TLS12, TlsVersion.TLS12)));
  }

  @Test
  void checkAcceptsAKeyWithItsCertificateAndRefusesAnotherOnesKey(@TempDir Path dir)
      throws Exception {
    TestCertificates first = TestCertificates.generate(dir, "first");
    TestCertificates second = TestCertificates.generate(dir, "second");
    Vertx vertx = Vertx.vertx();
    try {
      HttpsOptions.check(vertx, tls(first.certPem, first.keyPem));
      IllegalArgumentException mismatch =
          assertThrows(
              IllegalArgumentException.class,
              () -> HttpsOptions.check(vertx, tls(first.certPem, second.keyPem)));
      assertEquals(
          "cannot use key_file "
              + second.keyPem
              + " with cert_file "
              + first.certPem
              + ": java.security.GeneralSecurityException: the private key does not belong to the"
              + " certificate CN=first",
          mismatch.getMessage());
      Files.writeString(
          dir.resolve("bad.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
      assertThrows(
          IllegalArgumentException.class,
          () -> HttpsOptions.check(vertx, tls(first.certPem, dir.resolve("bad.key"))));
    } finally {
      vertx.close().await();
    }
  }

  private static WebTlsConfig tls(Path cert, Path key) {
    return new WebTlsConfig(
        cert,
        key,
        ClientAuthPolicy.NO_CLIENT_CERT,
        Optional.empty(),
        TlsVersion.TLS12,
        TlsVersion.TLS13);
  }
}
