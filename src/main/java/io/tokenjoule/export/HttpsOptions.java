package io.tokenjoule.export;

import io.tokenjoule.config.ClientAuthPolicy;
import io.tokenjoule.config.TlsVersion;
import io.tokenjoule.config.WebTlsConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns the web config's {@code tls_server_config} into Vert.x server options. The PEM files are
 * read when the options are made, and their content (not their paths) goes into the options: a
 * certificate rotated in place is served by the next server built, never a cached copy.
 */
final class HttpsOptions {

  private HttpsOptions() {}

  /**
   * Enables TLS on {@code options} with the PEM files, TLS versions and client-auth policy.
   *
   * @throws IOException when a PEM file cannot be read
   */
  static HttpServerOptions apply(HttpServerOptions options, WebTlsConfig tls) throws IOException {
    options
        .setSsl(true)
        .setKeyCertOptions(keyCert(tls))
        .setEnabledSecureTransportProtocols(protocols(tls.minVersion(), tls.maxVersion()))
        .setClientAuth(clientAuth(tls.clientAuth()));
    if (tls.clientCaFile().isPresent()) {
      options.setTrustOptions(trust(tls.clientCaFile().get()));
    }
    return options;
  }

  /**
   * Loads the key, certificate and client CA as a server would, without starting one.
   *
   * @throws Exception saying what is wrong when they cannot be used (unreadable, not PEM, a key
   *     Java cannot load)
   */
  static void check(Vertx vertx, WebTlsConfig tls) throws Exception {
    try {
      keyCert(tls).getKeyManagerFactory(vertx);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "cannot use key_file " + tls.keyFile() + " with cert_file " + tls.certFile() + ": " + e,
          e);
    }
    if (tls.clientCaFile().isPresent()) {
      try {
        trust(tls.clientCaFile().get()).getTrustManagerFactory(vertx);
      } catch (Exception e) {
        throw new IllegalArgumentException(
            "cannot use client_ca_file " + tls.clientCaFile().get() + ": " + e, e);
      }
    }
  }

  private static PemKeyCertOptions keyCert(WebTlsConfig tls) throws IOException {
    return new PemKeyCertOptions()
        .setCertValue(Buffer.buffer(Files.readAllBytes(tls.certFile())))
        .setKeyValue(Buffer.buffer(Files.readAllBytes(tls.keyFile())));
  }

  private static PemTrustOptions trust(Path caFile) throws IOException {
    return new PemTrustOptions().addCertValue(Buffer.buffer(Files.readAllBytes(caFile)));
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
