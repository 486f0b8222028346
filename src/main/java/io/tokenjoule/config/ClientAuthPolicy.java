package io.tokenjoule.config;

/**
 * The web config's {@code client_auth_type}: whether the server asks for a client certificate. Only
 * the policies that verify a presented certificate are offered; Go's {@code RequestClientCert} and
 * {@code RequireAnyClientCert} accept unverified certificates and are rejected when the web config
 * is loaded.
 */
public enum ClientAuthPolicy {
  /** No client certificate is asked for (the default). */
  NO_CLIENT_CERT("NoClientCert"),
  /** A certificate is asked for; one that is presented must chain to {@code client_ca_file}. */
  VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven"),
  /** mTLS: a certificate chaining to {@code client_ca_file} is required. */
  REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert");

  private final String configName;

  ClientAuthPolicy(String configName) {
    this.configName = configName;
  }

  /** The name written in the web config, for example {@code RequireAndVerifyClientCert}. */
  public String configName() {
    return configName;
  }

  /** Whether a client CA is needed to verify certificates. */
  public boolean verifiesClients() {
    return this != NO_CLIENT_CERT;
  }

  static ClientAuthPolicy parse(String text) {
    for (ClientAuthPolicy policy : values()) {
      if (policy.configName.equals(text)) {
        return policy;
      }
    }
    String hint =
        text.equals("RequestClientCert") || text.equals("RequireAnyClientCert")
            ? " ('" + text + "' accepts unverified certificates and is not supported)"
            : "";
    throw new IllegalArgumentException(
        "expected NoClientCert, VerifyClientCertIfGiven or RequireAndVerifyClientCert, got '"
            + text
            + "'"
            + hint);
  }
}
