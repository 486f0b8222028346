package io.tokenjoule.config;

import java.util.List;
import java.util.Objects;

/**
 * The {@code proxy} section: the metering proxy the agent runs beside its scrapes (and that {@code
 * tokenjoule proxy} runs alone).
 *
 * @param listen where the proxy takes clients' requests
 * @param settings the server it forwards to, tenants and limits
 * @param server the name its server takes in the agent's accounting ({@code server} label), unique
 *     among the configured servers
 * @param gpus the GPUs that server runs on; empty: its tokens are counted but no energy is joined
 */
public record ProxyConfig(
    ListenAddress listen, ProxySettings settings, String server, List<GpuRef> gpus) {

  /** The accounting name of the proxy's server when the configuration names none. */
  public static final String DEFAULT_SERVER = "proxy";

  public ProxyConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(server, "server");
    gpus = List.copyOf(gpus);
  }
}
