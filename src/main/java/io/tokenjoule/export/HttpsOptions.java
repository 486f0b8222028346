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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * Turns the web config's {@code tls_server_config} into Vert.x server options. The PEM files are
 * read when the options are made, and their content (not their paths) goes into the options: a
 * certificate rotated in place is served by the next server built, never a cached copy.
 */
final class HttpsOptions {

  /** The key types a server alias is looked up by, as JSSE names them. */
  private static final List<String> KEY_TYPES = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");

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
      checkKeysMatchCertificates(keyCert(tls).getKeyManagerFactory(vertx));
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

  /**
   * Signs with each private key and verifies with its certificate's public key: a certificate
   * rotated without its key (or half written when the reload came) fails here rather than in every
   * client's handshake. A key type this does not know is let through.
   */
  private static void checkKeysMatchCertificates(KeyManagerFactory factory)
      throws GeneralSecurityException {
    for (KeyManager manager : factory.getKeyManagers()) {
      if (!(manager instanceof X509KeyManager keys)) {
        continue;
      }
      for (String keyType : KEY_TYPES) {
        String[] aliases = keys.getServerAliases(keyType, null);
        for (String alias : aliases == null ? new String[0] : aliases) {
          PrivateKey key = keys.getPrivateKey(alias);
          X509Certificate[] chain = keys.getCertificateChain(alias);
          if (key != null
              && chain != null
              && chain.length > 0
              && !signsFor(key, chain[0].getPublicKey())) {
            throw new GeneralSecurityException(
                "the private key does not belong to the certificate "
                    + chain[0].getSubjectX500Principal());
          }
        }
      }
    }
  }

  private static boolean signsFor(PrivateKey key, PublicKey certificateKey)
      throws GeneralSecurityException {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
          default -> null;
        };
    if (algorithm == null) {
      return true;
    }
    byte[] probe = "tokenjoule key check".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificateKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (InvalidKeyException | SignatureException e) { // a key of another type
      return false;
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
