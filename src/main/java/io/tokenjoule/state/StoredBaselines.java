package io.tokenjoule.state;

import io.tokenjoule.account.baseline.BaselineSettings;
import io.tokenjoule.account.baseline.BaselineState;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The contents of the baseline state file: every server's baseline and the settings they were
 * learned under (so {@code tokenjoule baseline show} reads them as the agent did).
 *
 * @param savedAtEpochSeconds when the file was written (epoch seconds)
 * @param settings the settings the agent ran with
 * @param servers baseline state by server name, sorted by name; unmodifiable
 */
public record StoredBaselines(
    double savedAtEpochSeconds, BaselineSettings settings, Map<String, BaselineState> servers) {

  public StoredBaselines {
    if (!Double.isFinite(savedAtEpochSeconds)) {
      throw new IllegalArgumentException("the save time must be finite");
    }
    Objects.requireNonNull(settings, "settings");
    servers = Collections.unmodifiableMap(new TreeMap<>(servers));
  }
}
