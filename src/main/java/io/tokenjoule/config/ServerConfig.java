package io.tokenjoule.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One inference server to scrape.
 *
 * @param name the {@code server} label; matches {@link #NAME_PATTERN}
 * @param url the metrics page, http or https, with a host and a non-empty path
 * @param engine which engine profile reads the page, for example {@code vllm}
 * @param model the {@code model} label of counters the page names no model for (TGI, llama.cpp, a
 *     llama.cpp router's per-model page); empty: such counters say {@code unknown}
 * @param gpus the GPUs the server runs on (a tensor-parallel group: all of them); not empty, no GPU
 *     twice
 * @param location where the server's entry starts, keyed {@code servers[i]}
 * @param generic the series to read, present exactly when {@code engine} is {@value
 *     GenericEngineConfig#ENGINE}
 */
public record ServerConfig(
    String name,
    URI url,
    String engine,
    Optional<String> model,
    List<GpuRef> gpus,
    ConfigLocation location,
    Optional<GenericEngineConfig> generic) {

  /** A letter or underscore, then up to 63 letters, digits, {@code _ . : -}. */
  public static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0,63}");

  /** The longest model name, in characters. */
  public static final int MAX_MODEL_LENGTH = 256;

  /** A server of a known engine whose page names its models itself. */
  public ServerConfig(
      String name, URI url, String engine, List<GpuRef> gpus, ConfigLocation location) {
    this(name, url, engine, Optional.empty(), gpus, location, Optional.empty());
  }

  public ServerConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(location, "location");
    gpus = List.copyOf(gpus);
    if (!NAME_PATTERN.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid server name '" + name + "'");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || url.getHost() == null
        || url.getRawPath() == null
        || url.getRawPath().isEmpty()) {
      throw new IllegalArgumentException(
          "server " + name + ": expected an http or https URL with a host and a path, got " + url);
    }
    if (engine.isBlank()) {
      throw new IllegalArgumentException("server " + name + ": engine must not be blank");
    }
    if (model.isPresent() && (model.get().isBlank() || model.get().length() > MAX_MODEL_LENGTH)) {
      throw new IllegalArgumentException(
          "server " + name + ": model must be 1 to " + MAX_MODEL_LENGTH + " characters, not blank");
    }
    if (gpus.isEmpty()) {
      throw new IllegalArgumentException("server " + name + " must run on at least one GPU");
    }
    GpuSelection.of(gpus); // rejects a GPU listed twice
    Objects.requireNonNull(generic, "generic");
    if (engine.equals(GenericEngineConfig.ENGINE) != generic.isPresent()) {
      throw new IllegalArgumentException(
          "server "
              + name
              + ": a generic block goes with engine "
              + GenericEngineConfig.ENGINE
              + " and only with it, got engine "
              + engine
              + (generic.isPresent() ? " with one" : " without one"));
    }
  }
}
