package io.tokenjoule.calc;

import io.tokenjoule.config.DurationSyntax;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the agent measured, as read back from Prometheus for the calculator: where it was read and
 * the server's usage over the range. Printed before the calculator's answer, and its {@code
 * prometheus} object in JSON. Immutable.
 *
 * @param prometheusUrl the Prometheus it was read from, as given
 */
public record MeasuredUsage(String prometheusUrl, ServerUsage usage) {

  public MeasuredUsage {
    Objects.requireNonNull(prometheusUrl, "prometheusUrl");
    Objects.requireNonNull(usage, "usage");
  }

  /** Two lines and a blank one: where, which server and range, and what was measured. */
  public String human() {
    return "Measured by the agent, read from Prometheus at "
        + prometheusUrl
        + ": server "
        + usage.server()
        + " over the "
        + DurationSyntax.format(usage.range())
        + " ending "
        + usage.end()
        + ",\n  "
        + FigureFormat.quantity(usage.energyJoules())
        + " J, "
        + FigureFormat.quantity(usage.tokens())
        + " tokens ("
        + (usage.kind() == TokenKind.ALL ? "prompt and generated" : "generated")
        + ")"
        + (usage.requestsMoved()
            ? ", " + FigureFormat.quantity(usage.requests()) + " finished requests."
            : "; no finished requests.")
        + "\n\n";
  }

  /** The {@code prometheus} object of the calculator's JSON, with stable snake_case keys. */
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", prometheusUrl);
    m.put("server", usage.server());
    m.put("end", usage.end().toString());
    m.put("range_seconds", usage.rangeSeconds());
    m.put("kind", usage.kind().label());
    m.put("energy_joules", usage.energyJoules());
    m.put("tokens", usage.tokens());
    m.put("requests", Double.isNaN(usage.requests()) ? null : usage.requests());
    return m;
  }
}
