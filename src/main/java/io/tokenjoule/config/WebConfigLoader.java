package io.tokenjoule.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Loads {@code --web.config.file}, the Prometheus exporter-toolkit web configuration: {@code
 * tls_server_config} ({@code cert_file}, {@code key_file}, {@code client_auth_type}, {@code
 * client_ca_file}, {@code min_version}, {@code max_version}) and {@code basic_auth_users}. Other
 * exporter-toolkit keys (cipher suites, curves, {@code http_server_config}) are reported as unknown
 * rather than silently ignored. Relative file paths are resolved against the web config's
 * directory, as exporter-toolkit does; the certificate, key and CA files are read once here, so a
 * bad one is reported with the key that names it instead of failing later at listen time.
 *
 * <p>Immutable and thread-safe.
 */
public final class WebConfigLoader {

  private static final List<String> ROOT_KEYS = List.of("tls_server_config", "basic_auth_users");
  private static final List<String> TLS_KEYS =
      List.of(
          "cert_file",
          "key_file",
          "client_auth_type",
          "client_ca_file",
          "min_version",
          "max_version");
  private static final List<String> TLS_REQUIRED = List.of("cert_file", "key_file");
  private static final Pattern BCRYPT_HASH =
      Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

  private final YamlTreeReader reader = new YamlTreeReader();

  /**
   * Loads and validates {@code file}. An empty file means plain HTTP without authentication.
   *
   * @throws ConfigException with every problem found, each naming the file, line and key
   */
  public WebConfig load(Path file) throws ConfigException {
    String source = file.toString();
    Path directory = file.toAbsolutePath().getParent();
    return parse(ConfigFileReader.read(file, "web configuration file"), source, directory);
  }

  /**
   * Parses web-config YAML text.
   *
   * @param sourceName how messages name the text
   * @param directory what relative file paths are resolved against
   * @throws ConfigException with every problem found
   */
  public WebConfig parse(String yaml, String sourceName, Path directory) throws ConfigException {
    Problems problems = new Problems();
    Optional<YamlNode> root = reader.read(yaml, sourceName, problems);
    if (root.isEmpty() || (root.get() instanceof YamlNode.Scalar scalar && scalar.isNull())) {
      problems.throwIfAny();
      return WebConfig.none();
    }
    Optional<MappingReader> keys =
        MappingReader.of(new Located(root.get(), ""), ROOT_KEYS, problems);
    Optional<WebTlsConfig> tls = Optional.empty();
    Map<String, String> users = Map.of();
    if (keys.isPresent()) {
      tls = keys.get().optional("tls_server_config").flatMap(t -> tls(t, directory, problems));
      users = keys.get().optional("basic_auth_users").map(u -> users(u, problems)).orElse(Map.of());
    }
    problems.throwIfAny();
    return new WebConfig(tls, users);
  }

  private static Optional<WebTlsConfig> tls(Located at, Path directory, Problems problems) {
    Optional<MappingReader> keys = MappingReader.of(at, TLS_KEYS, problems);
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    int before = problems.count();
    MappingReader tls = keys.get();
    Optional<Path> cert =
        tls.required("cert_file", TLS_REQUIRED).flatMap(c -> certificates(c, directory, problems));
    Optional<Path> key =
        tls.required("key_file", TLS_REQUIRED).flatMap(k -> privateKey(k, directory, problems));
    Optional<Located> authAt = tls.optional("client_auth_type");
    ClientAuthPolicy auth =
        authAt
            .flatMap(a -> a.parse(problems, "a client auth type", ClientAuthPolicy::parse))
            .orElse(ClientAuthPolicy.NO_CLIENT_CERT);
    Optional<Located> caAt = tls.optional("client_ca_file");
    Optional<Path> ca = caAt.flatMap(c -> certificates(c, directory, problems));
    if (auth.verifiesClients() && caAt.isEmpty()) {
      problems.add(
          authAt.get().location(),
          auth.configName() + " needs client_ca_file, the CA that client certificates chain to");
    } else if (!auth.verifiesClients() && caAt.isPresent()) {
      problems.add(
          caAt.get().location(),
          "client_ca_file is set but client_auth_type is NoClientCert; set client_auth_type to"
              + " RequireAndVerifyClientCert (or VerifyClientCertIfGiven) or remove client_ca_file");
    }
    TlsVersion min = version(tls, "min_version", TlsVersion.TLS12, problems);
    TlsVersion max = version(tls, "max_version", TlsVersion.TLS13, problems);
    if (max.compareTo(min) < 0) {
      problems.add(
          tls.optional("max_version").orElseThrow().location(),
          "max_version " + max + " is below min_version " + min);
    }
    if (problems.count() > before || cert.isEmpty() || key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new WebTlsConfig(cert.get(), key.get(), auth, ca, min, max));
  }

  private static TlsVersion version(
      MappingReader tls, String key, TlsVersion fallback, Problems problems) {
    return tls.optional(key)
        .flatMap(v -> v.parse(problems, "TLS12 or TLS13", TlsVersion::parse))
        .orElse(fallback);
  }

  private static Map<String, String> users(Located at, Problems problems) {
    if (!(at.node() instanceof YamlNode.Mapping mapping)) {
      problems.add(
          at.location(),
          "expected a mapping of user names to bcrypt hashes, got " + at.node().describe());
      return Map.of();
    }
    Map<String, String> users = new LinkedHashMap<>();
    Map<String, Mark> firstAt = new LinkedHashMap<>();
    for (YamlNode.Entry entry : mapping.entries()) {
      Located user = at.child(entry.key(), entry.value());
      ConfigLocation keyLocation = entry.keyMark().at(user.keyPath());
      if (firstAt.containsKey(entry.key())) {
        problems.add(
            keyLocation,
            "duplicate user '"
                + entry.key()
                + "' (first at "
                + firstAt.get(entry.key()).position()
                + "); each user may appear once");
        continue;
      }
      firstAt.put(entry.key(), entry.keyMark());
      if (entry.key().isEmpty() || entry.key().contains(":")) {
        problems.add(keyLocation, "a user name must be non-empty and must not contain ':'");
        continue;
      }
      user.parse(problems, "a bcrypt hash such as $2y$10$...", WebConfigLoader::bcryptHash)
          .ifPresent(hash -> users.put(entry.key(), hash));
    }
    return users;
  }

  private static String bcryptHash(String text) {
    if (!BCRYPT_HASH.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "expected a bcrypt hash ($2a$, $2b$ or $2y$, cost 04 to 31, 60 characters), got a value"
              + " of "
              + text.length()
              + " characters; generate one with htpasswd -nBC 10 \"\" | tr -d ':\\n'");
    }
    return text;
  }

  /** The file a key names, checked to hold at least one PEM certificate. */
  private static Optional<Path> certificates(Located at, Path directory, Problems problems) {
    Optional<Path> file = readable(at, directory, problems);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file.get())) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        problems.add(at.location(), "'" + at.text() + "' holds no PEM certificate");
        return Optional.empty();
      }
      return file;
    } catch (CertificateException e) {
      problems.add(
          at.location(), "'" + at.text() + "' is not a PEM certificate: " + e.getMessage());
    } catch (IOException e) {
      problems.add(at.location(), "cannot read '" + at.text() + "': " + e.getMessage());
    }
    return Optional.empty();
  }

  /** The file a key names, checked to hold a PEM private key block. */
  private static Optional<Path> privateKey(Located at, Path directory, Problems problems) {
    Optional<Path> file = readable(at, directory, problems);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      String pem = Files.readString(file.get(), StandardCharsets.US_ASCII);
      if (!pem.contains("-----BEGIN ") || !pem.contains(" PRIVATE KEY-----")) {
        problems.add(
            at.location(),
            "'" + at.text() + "' holds no PEM private key (BEGIN PRIVATE KEY, RSA or EC)");
        return Optional.empty();
      }
      return file;
    } catch (IOException e) {
      problems.add(at.location(), "cannot read '" + at.text() + "': " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<Path> readable(Located at, Path directory, Problems problems) {
    Optional<String> name = at.parse(problems, "a file name", text -> text);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Path file = directory.resolve(name.get());
    if (!Files.isRegularFile(file)) {
      problems.add(at.location(), "cannot read '" + name.get() + "': no such file");
      return Optional.empty();
    }
    if (!Files.isReadable(file)) {
      problems.add(at.location(), "cannot read '" + name.get() + "': permission denied");
      return Optional.empty();
    }
    return Optional.of(file);
  }
}
