package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenjoule.config.TlsVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
