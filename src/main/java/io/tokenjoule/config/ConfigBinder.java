package io.tokenjoule.config;

import static io.tokenjoule.config.ConfigKeys.BASELINE;
import static io.tokenjoule.config.ConfigKeys.CARBON;
import static io.tokenjoule.config.ConfigKeys.DISCOVERY;
import static io.tokenjoule.config.ConfigKeys.ECONOMICS;
import static io.tokenjoule.config.ConfigKeys.ENERGY;
import static io.tokenjoule.config.ConfigKeys.GAUGE_REFRESH;
import static io.tokenjoule.config.ConfigKeys.GPUS;
import static io.tokenjoule.config.ConfigKeys.KUBERNETES;
import static io.tokenjoule.config.ConfigKeys.LIBRARY;
import static io.tokenjoule.config.ConfigKeys.LISTEN_ADDRESS;
import static io.tokenjoule.config.ConfigKeys.MAX_BODY_BYTES;
import static io.tokenjoule.config.ConfigKeys.MAX_SERIES;
import static io.tokenjoule.config.ConfigKeys.MAX_TOKENS_PER_SECOND;
import static io.tokenjoule.config.ConfigKeys.NVML;
import static io.tokenjoule.config.ConfigKeys.OTLP;
import static io.tokenjoule.config.ConfigKeys.PROXY;
import static io.tokenjoule.config.ConfigKeys.SCRAPE;
import static io.tokenjoule.config.ConfigKeys.SERVERS;
import static io.tokenjoule.config.ConfigKeys.STATE_DIR;
import static io.tokenjoule.config.ConfigKeys.TICK;
import static io.tokenjoule.config.ConfigKeys.TIMEOUT;
import static io.tokenjoule.config.ConfigKeys.WINDOW;

import io.tokenjoule.account.baseline.BaselineSettings;
import io.tokenjoule.account.economics.Economics;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Turns a located YAML tree into an {@link AgentConfig}, checking every rule and reporting every
 * problem with its place. Thread-safe: it holds no state between calls.
 */
final class ConfigBinder {

  static final String EXPECTED_SELECTION = "all or a list of GPU indices and UUIDs such as [0, 1]";
  static final String EXPECTED_LIBRARY = "a library name or path such as libnvidia-ml.so.1";
  static final String EXPECTED_SERIES = "an integer between 1 and 10000000";
  static final String EXPECTED_TOKEN_RATE =
      "an integer between 1000 and " + ScrapeConfig.MAX_TOKENS_PER_SECOND_LIMIT;

  private final ServersBinder servers;
  private final DiscoveryBinder discovery;

  ConfigBinder(Set<String> knownEngines) {
    this.servers = new ServersBinder(knownEngines);
    this.discovery = new DiscoveryBinder(knownEngines);
  }

  /**
   * @param root the document's root; an empty value stands for an empty file
   * @throws ConfigException with these problems and every one found while binding
   */
  AgentConfig bind(YamlNode root, Problems problems) throws ConfigException {
    Optional<MappingReader> reader =
        MappingReader.of(new Located(root, ""), ConfigKeys.TOP, problems);
    if (reader.isEmpty()) {
      problems.throwIfAny();
    }
    MappingReader top = reader.orElseThrow();
    Optional<ListenAddress> listen =
        read(
            top.optional(LISTEN_ADDRESS),
            at -> at.parse(problems, ListenAddress.EXPECTED, ListenAddress::parse),
            ListenAddress::defaultAddress);
    Optional<Duration> tick =
        read(top.optional(TICK), at -> tick(at, problems), () -> AgentConfig.DEFAULT_TICK);
    Duration tickForDefaults = tick.orElse(AgentConfig.DEFAULT_TICK);
    Optional<Duration> window =
        read(
            top.optional(WINDOW),
            at -> window(at, tick, problems),
            () -> AgentConfig.defaultWindow(tickForDefaults));
    Optional<GpuSelection> gpus =
        read(top.optional(GPUS), at -> selection(at, problems), GpuSelection::all);
    Optional<NvmlConfig> nvml =
        read(top.optional(NVML), at -> nvml(at, problems), NvmlConfig::defaults);
    Optional<ScrapeConfig> scrape =
        read(
            top.optional(SCRAPE),
            at -> scrape(at, tick, problems),
            () -> ScrapeConfig.defaults(tickForDefaults));
    int beforeServers = problems.count();
    List<ServerConfig> serverList = servers.read(top.optional(SERVERS), gpus, problems);
    Optional<DiscoveryConfig> discoveryConfig =
        discovery.read(
            top.optional(DISCOVERY),
            problems.count() == beforeServers ? Optional.of(serverList) : Optional.empty(),
            problems);
    Optional<Economics> economics = EconomicsBinder.read(top.optional(ECONOMICS), problems);
    Optional<CarbonConfig> carbon = CarbonBinder.read(top.optional(CARBON), problems);
    Optional<BaselineSettings> baseline = BaselineBinder.read(top.optional(BASELINE), problems);
    Optional<KubernetesConfig> kubernetes =
        KubernetesBinder.read(top.optional(KUBERNETES), problems);
    Optional<Path> stateDirectory =
        read(
            top.optional(STATE_DIR),
            at -> at.parse(problems, "a directory path", ConfigBinder::directory),
            () -> Path.of(AgentConfig.DEFAULT_STATE_DIR));
    Optional<EnergyConfig> energy = EnergyBinder.read(top.optional(ENERGY), problems);
    Optional<OtlpExportConfig> otlp = OtlpBinder.read(top.optional(OTLP), problems);
    Optional<ProxyConfig> proxy = ProxyBinder.read(top.optional(PROXY), gpus, serverList, problems);
    problems.throwIfAny();
    return new AgentConfig(
        listen.orElseThrow(),
        tick.orElseThrow(),
        window.orElseThrow(),
        gpus.orElseThrow(),
        nvml.orElseThrow(),
        scrape.orElseThrow(),
        serverList,
        economics,
        carbon,
        baseline.orElseThrow(),
        stateDirectory.orElseThrow(),
        discoveryConfig.orElseThrow(),
        energy.orElseThrow(),
        otlp,
        kubernetes.orElseThrow(),
        proxy);
  }

  private static Optional<Duration> tick(Located at, Problems problems) {
    return at.within(
        DurationSyntax.read(at, problems),
        d -> d.compareTo(AgentConfig.MIN_TICK) >= 0 && d.compareTo(AgentConfig.MAX_TICK) <= 0,
        "must be between 100ms and 60s",
        problems);
  }

  /** At most 24 h, and at least 2 x tick when the tick is valid. */
  private static Optional<Duration> window(Located at, Optional<Duration> tick, Problems problems) {
    Optional<Duration> window =
        at.within(
            DurationSyntax.read(at, problems),
            d -> d.compareTo(AgentConfig.MAX_WINDOW) <= 0,
            "must be at most 24h",
            problems);
    if (tick.isEmpty()) {
      return window;
    }
    Duration twoTicks = tick.get().multipliedBy(2);
    return at.within(
        window,
        d -> d.compareTo(twoTicks) >= 0,
        "must be at least 2 x tick (" + DurationSyntax.format(twoTicks) + ")",
        problems);
  }

  private static Optional<GpuSelection> selection(Located at, Problems problems) {
    if (at.node() instanceof YamlNode.Scalar) {
      return at.parse(problems, EXPECTED_SELECTION, ConfigBinder::all);
    }
    return GpuListReader.read(at, EXPECTED_SELECTION, problems)
        .filter(refs -> !refs.isEmpty())
        .map(GpuSelection::of);
  }

  private static GpuSelection all(String text) {
    if (!text.equals("all")) {
      throw new IllegalArgumentException("expected " + EXPECTED_SELECTION + ", got '" + text + "'");
    }
    return GpuSelection.all();
  }

  private static Optional<NvmlConfig> nvml(Located at, Problems problems) {
    Optional<MappingReader> reader = MappingReader.of(at, ConfigKeys.NVML_KEYS, problems);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    MappingReader keys = reader.get();
    Optional<String> library =
        read(
            keys.optional(LIBRARY),
            lib -> lib.parse(problems, EXPECTED_LIBRARY, Function.identity()),
            () -> "");
    Optional<Duration> refresh =
        read(
            keys.optional(GAUGE_REFRESH),
            r ->
                r.within(
                    DurationSyntax.read(r, problems),
                    d -> d.compareTo(NvmlConfig.MAX_GAUGE_REFRESH) <= 0,
                    "must be between 0s (every tick) and 1h",
                    problems),
            () -> NvmlConfig.DEFAULT_GAUGE_REFRESH);
    if (library.isEmpty() || refresh.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new NvmlConfig(library.get(), refresh.get()));
  }

  private static Optional<ScrapeConfig> scrape(
      Located at, Optional<Duration> tick, Problems problems) {
    Optional<MappingReader> reader = MappingReader.of(at, ConfigKeys.SCRAPE_KEYS, problems);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    MappingReader keys = reader.get();
    Optional<Duration> timeout =
        read(
            keys.optional(TIMEOUT),
            t -> timeout(t, tick, problems),
            () -> ScrapeConfig.defaultTimeout(tick.orElse(AgentConfig.DEFAULT_TICK)));
    Optional<Long> maxBodyBytes =
        read(
            keys.optional(MAX_BODY_BYTES),
            b ->
                b.within(
                    b.parse(problems, ByteSizeSyntax.EXPECTED, ByteSizeSyntax::parse),
                    n -> n >= ScrapeConfig.MIN_BODY_BYTES && n <= ScrapeConfig.MAX_BODY_BYTES,
                    "must be between 1KiB and 1GiB",
                    problems),
            () -> ScrapeConfig.DEFAULT_MAX_BODY_BYTES);
    Optional<Long> maxSeries =
        read(
            keys.optional(MAX_SERIES),
            s ->
                s.within(
                    s.parse(problems, EXPECTED_SERIES, ConfigBinder::count),
                    n -> n >= 1 && n <= ScrapeConfig.MAX_SERIES_LIMIT,
                    "must be between 1 and 10000000",
                    problems),
            () -> (long) ScrapeConfig.DEFAULT_MAX_SERIES);
    Optional<SeriesLimits> series = SeriesLimitsBinder.read(keys, problems);
    Optional<Long> maxTokensPerSecond =
        read(
            keys.optional(MAX_TOKENS_PER_SECOND),
            r ->
                r.within(
                    r.parse(problems, EXPECTED_TOKEN_RATE, ConfigBinder::tokenRate),
                    n -> n >= 1000 && n <= ScrapeConfig.MAX_TOKENS_PER_SECOND_LIMIT,
                    "must be between 1000 and " + ScrapeConfig.MAX_TOKENS_PER_SECOND_LIMIT,
                    problems),
            () -> ScrapeConfig.DEFAULT_MAX_TOKENS_PER_SECOND);
    if (timeout.isEmpty()
        || maxBodyBytes.isEmpty()
        || maxSeries.isEmpty()
        || series.isEmpty()
        || maxTokensPerSecond.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ScrapeConfig(
            timeout.get(),
            maxBodyBytes.get(),
            Math.toIntExact(maxSeries.get()),
            series.get(),
            maxTokensPerSecond.get()));
  }

  private static Optional<Duration> timeout(
      Located at, Optional<Duration> tick, Problems problems) {
    Optional<Duration> timeout = DurationSyntax.read(at, problems);
    Predicate<Duration> atLeast = d -> d.compareTo(ScrapeConfig.MIN_TIMEOUT) >= 0;
    if (tick.isEmpty()) {
      return at.within(timeout, atLeast, "must be at least 1ms", problems);
    }
    return at.within(
        timeout,
        atLeast.and(d -> d.compareTo(tick.get()) <= 0),
        "must be between 1ms and tick (" + DurationSyntax.format(tick.get()) + ")",
        problems);
  }

  private static Path directory(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("expected a directory path, got '" + text + "'");
    }
  }

  private static long tokenRate(String text) {
    if (!text.matches("\\d{1,18}")) {
      throw new IllegalArgumentException(
          "expected " + EXPECTED_TOKEN_RATE + ", got '" + text + "'");
    }
    return Long.parseLong(text);
  }

  private static long count(String text) {
    if (!text.matches("\\d{1,18}")) {
      throw new IllegalArgumentException("expected " + EXPECTED_SERIES + ", got '" + text + "'");
    }
    return Long.parseLong(text);
  }

  /** Reads a key that has a default: the default when absent, else what {@code reader} reads. */
  private static <T> Optional<T> read(
      Optional<Located> at, Function<Located, Optional<T>> reader, Supplier<T> fallback) {
    return at.isPresent() ? reader.apply(at.get()) : Optional.of(fallback.get());
  }
}
