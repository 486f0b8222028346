package io.tokenjoule.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The web config's {@code tls_server_config}: serve HTTPS only.
 *
 * @param certFile PEM server certificate (chain), resolved against the web config's directory
 * @param keyFile PEM private key (PKCS#8, or PKCS#1 RSA / SEC1 EC)
 * @param clientAuth whether and how client certificates are verified
 * @param clientCaFile PEM CA certificates that client certificates must chain to; present exactly
 *     when {@code clientAuth} verifies clients
 * @param minVersion the lowest TLS version accepted (default TLS12)
 * @param maxVersion the highest TLS version accepted (default TLS13), not below {@code minVersion}
 */
public record WebTlsConfig(
    Path certFile,
    Path keyFile,
    ClientAuthPolicy clientAuth,
    Optional<Path> clientCaFile,
    TlsVersion minVersion,
    TlsVersion maxVersion) {
  public WebTlsConfig {
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(clientAuth, "clientAuth");
    Objects.requireNonNull(clientCaFile, "clientCaFile");
    Objects.requireNonNull(minVersion, "minVersion");
    Objects.requireNonNull(maxVersion, "maxVersion");
    if (clientAuth.verifiesClients() != clientCaFile.isPresent()) {
      throw new IllegalArgumentException(
          clientAuth.configName()
              + (clientCaFile.isPresent()
                  ? " does not use a client CA file"
                  : " needs a client CA file"));
    }
    if (maxVersion.compareTo(minVersion) < 0) {
      throw new IllegalArgumentException(
          "max version " + maxVersion + " is below min version " + minVersion);
    }
  }
}
