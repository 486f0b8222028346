package io.tokenjoule.agent;

import io.tokenjoule.account.baseline.BaselineSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the agent keeps its load-aware baselines.
 *
 * @param settings the baseline settings, their sample period set to the window
 * @param stateDirectory where baselines persist across restarts; empty keeps them in memory only
 */
public record BaselinePlan(BaselineSettings settings, Optional<Path> stateDirectory) {
  public BaselinePlan {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(stateDirectory, "stateDirectory");
  }
}
