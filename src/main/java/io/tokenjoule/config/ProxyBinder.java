package io.tokenjoule.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code proxy} section: where the metering proxy listens, the server it forwards to, how
 * tenants are named, its limits, and the accounting name and GPUs of its server. Absent, there is
 * no proxy.
 */
final class ProxyBinder {

  static final String UPSTREAM = "upstream";
  static final String LISTEN = "listen";
  static final String SERVER = "server";
  static final String GPUS = "gpus";
  static final String TENANT_HEADER = "tenant_header";
  static final String TENANT_MAP_FILE = "tenant_map_file";
  static final String MAX_TENANTS = "max_tenants";
  static final String MAX_MODELS = "max_models";
  static final String MAX_REQUEST_BYTES = "max_request_bytes";
  static final String UPSTREAM_TIMEOUT = "upstream_timeout";
  static final String CONNECT_TIMEOUT = "connect_timeout";
  static final String MAX_CONNECTIONS = "max_connections";
  static final List<String> KEYS =
      List.of(
          UPSTREAM,
          LISTEN,
          SERVER,
          GPUS,
          TENANT_HEADER,
          TENANT_MAP_FILE,
          MAX_TENANTS,
          MAX_MODELS,
          MAX_REQUEST_BYTES,
          UPSTREAM_TIMEOUT,
          CONNECT_TIMEOUT,
          MAX_CONNECTIONS);
  static final List<String> REQUIRED = List.of(UPSTREAM, LISTEN);

  static final String EXPECTED_UPSTREAM =
      "the inference server's base http or https URL, such as http://127.0.0.1:11434";
  static final String EXPECTED_HEADER = "an HTTP header name such as X-Tenant or OpenAI-Project";

  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");

  private ProxyBinder() {}

  /**
   * @param servers the configured servers, whose names the proxy's server must not take
   * @throws ConfigException when the tenant mapping file cannot be read at all
   */
  static Optional<ProxyConfig> read(
      Optional<Located> at,
      Optional<GpuSelection> selection,
      List<ServerConfig> servers,
      Problems problems)
      throws ConfigException {
    if (at.isEmpty()) {
      return Optional.empty();
    }
    int before = problems.count();
    Optional<MappingReader> reader = MappingReader.of(at.get(), KEYS, problems);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    MappingReader keys = reader.get();
    Optional<URI> upstream =
        keys.required(UPSTREAM, REQUIRED)
            .flatMap(u -> u.parse(problems, EXPECTED_UPSTREAM, ProxyBinder::upstream));
    Optional<ListenAddress> listen =
        keys.required(LISTEN, REQUIRED)
            .flatMap(l -> l.parse(problems, ListenAddress.EXPECTED, ListenAddress::parse));
    String server =
        keys.optional(SERVER)
            .flatMap(s -> serverName(s, servers, problems))
            .orElse(ProxyConfig.DEFAULT_SERVER);
    List<GpuRef> gpus =
        keys.optional(GPUS)
            .flatMap(g -> ServersBinder.gpus(g, selection, problems))
            .orElse(List.of());
    Optional<String> header =
        keys.optional(TENANT_HEADER)
            .flatMap(h -> h.parse(problems, EXPECTED_HEADER, ProxyBinder::header));
    TenantMap map = TenantMap.EMPTY;
    Optional<Located> mapAt = keys.optional(TENANT_MAP_FILE);
    if (mapAt.isPresent()) {
      Optional<Path> file = mapAt.get().parse(problems, "a file path", ProxyBinder::path);
      if (file.isPresent()) {
        map = TenantMapReader.read(relativeTo(mapAt.get(), file.get()), problems).orElse(map);
      }
    }
    int maxTenants =
        count(keys, MAX_TENANTS, 1, 10_000, ProxySettings.DEFAULT_MAX_TENANTS, problems);
    int maxModels = count(keys, MAX_MODELS, 1, 1_000, ProxySettings.DEFAULT_MAX_MODELS, problems);
    int maxConnections =
        count(keys, MAX_CONNECTIONS, 1, 65_535, ProxySettings.DEFAULT_MAX_CONNECTIONS, problems);
    long maxRequestBytes =
        keys.optional(MAX_REQUEST_BYTES)
            .flatMap(
                b ->
                    b.within(
                        b.parse(problems, ByteSizeSyntax.EXPECTED, ByteSizeSyntax::parse),
                        n -> n >= 1024 && n <= 1L << 30,
                        "must be between 1KiB and 1GiB",
                        problems))
            .orElse(ProxySettings.DEFAULT_MAX_REQUEST_BYTES);
    Duration upstreamTimeout =
        keys.durationBetween(
                UPSTREAM_TIMEOUT,
                Duration.ofSeconds(1),
                Duration.ofHours(24),
                "must be between 1s and 24h",
                problems)
            .orElse(ProxySettings.DEFAULT_UPSTREAM_TIMEOUT);
    Duration connectTimeout =
        keys.durationBetween(
                CONNECT_TIMEOUT,
                Duration.ofMillis(100),
                Duration.ofMinutes(1),
                "must be between 100ms and 1m",
                problems)
            .orElse(ProxySettings.DEFAULT_CONNECT_TIMEOUT);
    if (problems.count() > before) {
      return Optional.empty();
    }
    ProxySettings settings =
        new ProxySettings(
            upstream.orElseThrow(),
            header,
            map,
            maxTenants,
            maxModels,
            maxRequestBytes,
            upstreamTimeout,
            connectTimeout,
            maxConnections);
    return Optional.of(new ProxyConfig(listen.orElseThrow(), settings, server, gpus));
  }

  private static Optional<String> serverName(
      Located at, List<ServerConfig> servers, Problems problems) {
    Optional<String> name =
        at.parse(problems, ServersBinder.EXPECTED_NAME, ServersBinder::validName);
    for (ServerConfig server : servers) {
      if (name.isPresent() && server.name().equals(name.get())) {
        problems.add(
            at.location(),
            "server name '"
                + name.get()
                + "' is already used at "
                + server.location().position()
                + "; names must be unique");
        return Optional.empty();
      }
    }
    return name;
  }

  private static URI upstream(String text) {
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("expected " + EXPECTED_UPSTREAM + ", got '" + text + "'");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || url.getHost() == null
        || url.getRawQuery() != null) {
      throw new IllegalArgumentException("expected " + EXPECTED_UPSTREAM + ", got '" + text + "'");
    }
    return url;
  }

  private static String header(String text) {
    if (!HEADER_NAME.matcher(text).matches()) {
      throw new IllegalArgumentException("expected " + EXPECTED_HEADER + ", got '" + text + "'");
    }
    return text;
  }

  private static Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("expected a file path, got '" + text + "'");
    }
  }

  /** A relative path is relative to the configuration file that names it. */
  private static Path relativeTo(Located at, Path file) {
    Mark mark = at.node().mark();
    if (file.isAbsolute() || mark.line() == 0) {
      return file;
    }
    Path parent = Path.of(mark.source()).getParent();
    return parent == null ? file : parent.resolve(file);
  }

  private static int count(
      MappingReader keys, String key, int min, int max, int fallback, Problems problems) {
    String rule = "must be an integer between " + min + " and " + max;
    return keys.optional(key)
        .flatMap(
            at ->
                at.within(
                    at.parse(problems, rule.replace("must be ", ""), ProxyBinder::integer),
                    n -> n >= min && n <= max,
                    rule,
                    problems))
        .orElse(fallback);
  }

  private static int integer(String text) {
    if (!text.matches("\\d{1,9}")) {
      throw new IllegalArgumentException("expected an integer, got '" + text + "'");
    }
    return Integer.parseInt(text);
  }
}
