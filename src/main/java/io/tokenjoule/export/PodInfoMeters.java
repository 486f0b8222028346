package io.tokenjoule.export;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tokenjoule.kubernetes.PodIdentity;
import java.util.Map;

/**
 * {@code tokenjoule_pod_info{namespace, pod, container, server, source} 1}: one series per server
 * that runs in a known pod, so that users can join their own pod labels onto tokenjoule's series
 * with {@code group_left}, as kube-state-metrics users do ({@code on (job, instance, server)}).
 */
public final class PodInfoMeters {

  private PodInfoMeters() {}

  /** Registers the info series of every server in {@code pods}, keyed by server name. */
  public static void register(
      MeterRegistry registry, Map<String, PodIdentity> pods, String source) {
    pods.forEach(
        (server, pod) ->
            Gauge.builder("tokenjoule.pod.info", () -> 1)
                .description("The Kubernetes pod and container a server runs in (always 1).")
                .tags(tags(pod).and("server", server, "source", source))
                .strongReference(true)
                .register(registry));
  }

  /** The {@code namespace}, {@code pod} and {@code container} labels; empty values for none. */
  static Tags tags(PodIdentity pod) {
    return pod == null
        ? Tags.of("namespace", "", "pod", "", "container", "")
        : Tags.of("namespace", pod.namespace(), "pod", pod.pod(), "container", pod.container());
  }
}
