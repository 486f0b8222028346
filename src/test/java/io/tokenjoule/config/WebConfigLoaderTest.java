package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.tokenjoule.export.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebConfigLoaderTest {

  /** bcrypt of "changeme", as in agent/web-config.yml. */
  private static final String HASH = "$2a$10$AuSTUuxBpMfOtYelLrGSfO3jP6kbVZq7iqbJ.5eebcEGUrpyngAd6";

  @TempDir static Path dir;
  private static TestCertificates server;

  private final WebConfigLoader loader = new WebConfigLoader();

  @BeforeAll
  static void certificates() throws Exception {
    server = TestCertificates.generate(dir, "server");
  }

  private WebConfig parse(String yaml) throws ConfigException {
    return loader.parse(yaml, "web.yml", dir);
  }

  private String problems(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void readsTlsMtlsAndUsersWithPathsRelativeToTheFile() throws Exception {
    Path file = dir.resolve("web.yml");
    Files.writeString(
        file,
        "tls_server_config:\n"
            + "  cert_file: server.crt\n"
            + "  key_file: server.key\n"
            + "  client_auth_type: RequireAndVerifyClientCert\n"
            + "  client_ca_file: server.crt\n"
            + "  min_version: TLS13\n"
            + "basic_auth_users:\n"
            + "  prometheus: "
            + HASH
            + "\n");

    WebConfig config = loader.load(file);

    WebTlsConfig expectedTls =
        new WebTlsConfig(
            server.certPem,
            server.keyPem,
            ClientAuthPolicy.REQUIRE_AND_VERIFY_CLIENT_CERT,
            Optional.of(server.certPem),
            TlsVersion.TLS13,
            TlsVersion.TLS13);
    assertEquals(new WebConfig(Optional.of(expectedTls), Map.of("prometheus", HASH)), config);
  }

  @Test
  void defaultsAreTls12UpToTls13WithoutClientCertificates() throws Exception {
    WebConfig config =
        parse("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");

    WebTlsConfig tls = config.tls().orElseThrow();
    assertEquals(ClientAuthPolicy.NO_CLIENT_CERT, tls.clientAuth());
    assertEquals(TlsVersion.TLS12, tls.minVersion());
    assertEquals(TlsVersion.TLS13, tls.maxVersion());
    assertEquals(Map.of(), config.basicAuthUsers());
  }

  @Test
  void anEmptyFileMeansPlainHttpWithoutAuthentication() throws Exception {
    assertEquals(WebConfig.none(), parse(""));
    assertEquals(WebConfig.none(), parse("# nothing yet\n"));
    assertEquals(
        new WebConfig(Optional.empty(), Map.of("u", HASH)),
        parse("basic_auth_users:\n  u: " + HASH));
  }

  @Test
  void unknownAndMissingKeysAreNamedWithTheirLines() {
    assertEquals(
        "web.yml:2:3: tls_server_config.cipher_suites: unknown key 'cipher_suites'; allowed"
            + " keys: cert_file, key_file, client_auth_type, client_ca_file, min_version,"
            + " max_version\n"
            + "web.yml:2:3: tls_server_config: missing required key 'key_file'; required keys:"
            + " cert_file, key_file",
        problems(
            "tls_server_config:\n  cipher_suites: [TLS_AES_128_GCM_SHA256]\n  cert_file: server.crt\n"));
    assertEquals(
        "web.yml:1:1: http_server_config: unknown key 'http_server_config'; allowed keys:"
            + " tls_server_config, basic_auth_users",
        problems("http_server_config:\n  http2: true\n"));
  }

  @Test
  void clientAuthNeedsAClientCaAndTheOtherWayRound() {
    assertEquals(
        "web.yml:4:21: tls_server_config.client_auth_type: RequireAndVerifyClientCert needs"
            + " client_ca_file, the CA that client certificates chain to",
        problems(
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                + "  client_auth_type: RequireAndVerifyClientCert\n"));
    assertEquals(
        "web.yml:4:19: tls_server_config.client_ca_file: client_ca_file is set but"
            + " client_auth_type is NoClientCert; set client_auth_type to RequireAndVerifyClientCert"
            + " (or VerifyClientCertIfGiven) or remove client_ca_file",
        problems(
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                + "  client_ca_file: server.crt\n"));
  }

  @Test
  void unverifiedClientAuthTypesAndOldTlsVersionsAreRejected() {
    assertEquals(
        "web.yml:4:21: tls_server_config.client_auth_type: expected NoClientCert,"
            + " VerifyClientCertIfGiven or RequireAndVerifyClientCert, got 'RequireAnyClientCert'"
            + " ('RequireAnyClientCert' accepts unverified certificates and is not supported)\n"
            + "web.yml:5:16: tls_server_config.min_version: expected TLS12 or TLS13, got 'TLS10'"
            + " (TLS 1.0 and 1.1 are disabled by the JDK)",
        problems(
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                + "  client_auth_type: RequireAnyClientCert\n  min_version: TLS10\n"));
    assertEquals(
        "web.yml:5:16: tls_server_config.max_version: max_version TLS12 is below min_version"
            + " TLS13",
        problems(
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                + "  min_version: TLS13\n  max_version: TLS12\n"));
  }

  @Test
  void certificateAndKeyFilesAreCheckedWhenLoaded() {
    assertEquals(
        "web.yml:2:14: tls_server_config.cert_file: cannot read 'absent.crt': no such file\n"
            + "web.yml:3:13: tls_server_config.key_file: 'server.crt' holds no PEM private key"
            + " (BEGIN PRIVATE KEY, RSA or EC)",
        problems("tls_server_config:\n  cert_file: absent.crt\n  key_file: server.crt\n"));
  }

  @Test
  void usersNeedBcryptHashes() {
    assertEquals(
        "web.yml:2:10: basic_auth_users.alice: expected a bcrypt hash ($2a$, $2b$ or $2y$, cost 04"
            + " to 31, 60 characters), got a value of 6 characters; generate one with htpasswd"
            + " -nBC 10 \"\" | tr -d ':\\n'\n"
            + "web.yml:3:7: basic_auth_users.bob: expected a bcrypt hash such as $2y$10$..., got an"
            + " empty value\n"
            + "web.yml:4:3: basic_auth_users.alice: duplicate user 'alice' (first at web.yml:2:3);"
            + " each user may appear once",
        problems("basic_auth_users:\n  alice: secret\n  bob:\n  alice: " + HASH + "\n"));
    assertEquals(
        "web.yml:1:19: basic_auth_users: expected a mapping of user names to bcrypt hashes, got"
            + " a list",
        problems("basic_auth_users: [alice]\n"));
  }

  @Test
  void aMissingWebConfigFileIsNamed() {
    Path absent = dir.resolve("absent.yml");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(absent));
    assertEquals(absent + ": cannot read the web configuration file: no such file", e.getMessage());
  }

  @Test
  void theExampleFileNamesOnlyItsAbsentCertificatesAndItsHashIsChangeme() {
    Path example = Path.of("agent", "web-config.yml");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(example));
    assertEquals(
        example
            + ":8:14: tls_server_config.cert_file: cannot read '/etc/tokenjoule/tls/server.crt':"
            + " no such file\n"
            + example
            + ":9:13: tls_server_config.key_file: cannot read '/etc/tokenjoule/tls/server.key':"
            + " no such file",
        e.getMessage());
    assertTrue(BCrypt.verifyer().verify("changeme".toCharArray(), HASH.toCharArray()).verified);
  }
}
