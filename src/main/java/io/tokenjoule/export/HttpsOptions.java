package io.tokenjoule.export;

import io.tokenjoule.config.ClientAuthPolicy;
import io.tokenjoule.config.TlsVersion;
import io.tokenjoule.config.WebTlsConfig;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.LinkedHashSet;
import java.util.Set;

/** Turns the web config's {@code tls_server_config} into Vert.x server options. */
final class HttpsOptions {

  private HttpsOptions() {}

  /** Enables TLS on {@code options} with the PEM files, TLS versions and client-auth policy. */
  static HttpServerOptions apply(HttpServerOptions options, WebTlsConfig tls) {
    options
        .setSsl(true)
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertPath(tls.certFile().toString())
                .setKeyPath(tls.keyFile().toString()))
        .setEnabledSecureTransportProtocols(protocols(tls.minVersion(), tls.maxVersion()))
        .setClientAuth(clientAuth(tls.clientAuth()));
    tls.clientCaFile()
        .ifPresent(ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
    return options;
  }

  /** The JSSE protocol names from {@code min} to {@code max}, for example {@code TLSv1.3}. */
  static Set<String> protocols(TlsVersion min, TlsVersion max) {
    Set<String> protocols = new LinkedHashSet<>();
    for (TlsVersion version : TlsVersion.values()) {
      if (version.compareTo(min) >= 0 && version.compareTo(max) <= 0) {
        protocols.add(version.jdkName());
      }
    }
    return protocols;
  }

  private static ClientAuth clientAuth(ClientAuthPolicy policy) {
    return switch (policy) {
      case REQUIRE_AND_VERIFY_CLIENT_CERT -> ClientAuth.REQUIRED;
      case VERIFY_CLIENT_CERT_IF_GIVEN -> ClientAuth.REQUEST;
      case NO_CLIENT_CERT -> ClientAuth.NONE;
    };
  }
}
