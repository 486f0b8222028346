package io.tokenjoule.demo;

import io.tokenjoule.config.ListenAddress;
import io.tokenjoule.config.WebConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code tokenjoule demo} runs, its flags resolved.
 *
 * @param listen where the agent serves {@code /metrics}
 * @param web how that endpoint is secured
 * @param simPort the first simulated server's port on 127.0.0.1; one port each
 * @param tick the agent's tick
 * @param window the agent's J/token window
 * @param stopAfter how long to run; empty runs until interrupted
 * @param reportEvery how often to print agent next to truth; zero never
 * @param simGpus GPUs of a larger simulated node, with {@code simServers}; 0 for the standard demo
 * @param simServers servers on that larger node; 0 for the standard demo
 * @param role which half of the demo this process runs
 * @param simPods whether the simulated servers sit in simulated Kubernetes pods
 */
public record DemoPlan(
    ListenAddress listen,
    WebConfig web,
    int simPort,
    Duration tick,
    Duration window,
    Optional<Duration> stopAfter,
    Duration reportEvery,
    int simGpus,
    int simServers,
    Role role,
    boolean simPods) {

  /** Which half of the demo a process runs. */
  public enum Role {
    /** The simulated servers and the agent, in one process. */
    BOTH,
    /** Only the simulated servers, for an agent in another process. */
    SERVERS,
    /** Only the agent (with simulated GPUs), scraping servers another process serves. */
    AGENT
  }

  public DemoPlan {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(web, "web");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(stopAfter, "stopAfter");
    Objects.requireNonNull(reportEvery, "reportEvery");
    Objects.requireNonNull(role, "role");
    if ((simGpus == 0) != (simServers == 0) || simGpus < 0 || simServers < 0) {
      throw new IllegalArgumentException(
          "simulated GPUs and servers go together, both > 0 or both 0; got "
              + simGpus
              + " and "
              + simServers);
    }
  }
}
