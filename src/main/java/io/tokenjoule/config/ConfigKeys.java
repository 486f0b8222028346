package io.tokenjoule.config;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The configuration's keys, in the order messages list them. */
final class ConfigKeys {
  static final String LISTEN_ADDRESS = "listen_address";
  static final String TICK = "tick";
  static final String WINDOW = "window";
  static final String GPUS = "gpus";
  static final String NVML = "nvml";
  static final String SCRAPE = "scrape";
  static final String SERVERS = "servers";
  static final String ECONOMICS = "economics";
  static final String CARBON = "carbon";
  static final String BASELINE = "baseline";
  static final String STATE_DIR = "state_dir";
  static final String DISCOVERY = "discovery";
  static final String ENERGY = "energy";
  static final String OTLP = "otlp";
  static final String KUBERNETES = "kubernetes";
  static final String PROXY = "proxy";

  static final String LIBRARY = "library";
  static final String GAUGE_REFRESH = "gauge_refresh";

  static final String TIMEOUT = "timeout";
  static final String MAX_BODY_BYTES = "max_body_bytes";
  static final String MAX_SERIES = "max_series";
  static final String MAX_TOKENS_PER_SECOND = "max_tokens_per_second";

  static final String NAME = "name";
  static final String URL = "url";
  static final String ENGINE = "engine";
  static final String MODEL = "model";
  static final String GENERIC = "generic";

  static final String PROMPT_TOKENS = "prompt_tokens";
  static final String GENERATED_TOKENS = "generated_tokens";
  static final String REQUESTS = "requests";
  static final String RUNNING = "running";
  static final String MODEL_LABEL = "model_label";
  static final String METRIC = "metric";
  static final String LABELS = "labels";

  static final List<String> TOP =
      List.of(
          LISTEN_ADDRESS,
          TICK,
          WINDOW,
          GPUS,
          NVML,
          SCRAPE,
          SERVERS,
          ECONOMICS,
          CARBON,
          BASELINE,
          STATE_DIR,
          DISCOVERY,
          ENERGY,
          OTLP,
          KUBERNETES,
          PROXY);
  static final List<String> NVML_KEYS = List.of(LIBRARY, GAUGE_REFRESH);
  static final List<String> SCRAPE_KEYS =
      List.of(
          TIMEOUT,
          MAX_BODY_BYTES,
          MAX_SERIES,
          SeriesLimitsBinder.MAX_LABEL_VALUE_LENGTH,
          SeriesLimitsBinder.MAX_LABELS_PER_SERIES,
          SeriesLimitsBinder.MAX_MODELS,
          SeriesLimitsBinder.MAX_NEW_MODELS_PER_SCRAPE,
          MAX_TOKENS_PER_SECOND);

  /** A server's required keys. */
  static final List<String> SERVER_REQUIRED_KEYS = List.of(NAME, URL, ENGINE, GPUS);

  /** A server's keys, required ({@link #SERVER_REQUIRED_KEYS}) then optional. */
  static final List<String> SERVER_KEYS = List.of(NAME, URL, ENGINE, GPUS, MODEL, GENERIC);

  static final List<String> GENERIC_KEYS =
      List.of(PROMPT_TOKENS, GENERATED_TOKENS, REQUESTS, RUNNING, MODEL_LABEL);
  static final List<String> GENERIC_REQUIRED_KEYS = List.of(PROMPT_TOKENS, GENERATED_TOKENS);
  static final List<String> SERIES_KEYS = List.of(METRIC, LABELS);

  /**
   * Keys a {@link ConfigOverride} may set: every scalar outside {@code servers}, gpus, and the
   * proxy's upstream and listen address.
   */
  static final List<String> SETTABLE =
      Stream.of(
              Stream.of(LISTEN_ADDRESS, TICK, WINDOW, GPUS),
              NVML_KEYS.stream().map(k -> NVML + "." + k),
              SCRAPE_KEYS.stream().map(k -> SCRAPE + "." + k),
              Stream.of(PROXY + "." + ProxyBinder.UPSTREAM, PROXY + "." + ProxyBinder.LISTEN))
          .flatMap(s -> s)
          .collect(Collectors.toUnmodifiableList());

  private ConfigKeys() {}
}
