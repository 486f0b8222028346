package io.tokenjoule.state;

import io.tokenjoule.account.baseline.BaselineState;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link BaselineStore#load()} found.
 *
 * @param stored the file's contents; empty when there was no file or it could not be loaded
 * @param setAside the file that could not be loaded, if any
 */
public record LoadedBaselines(Optional<StoredBaselines> stored, Optional<SetAsideFile> setAside) {

  public LoadedBaselines {
    Objects.requireNonNull(stored, "stored");
    Objects.requireNonNull(setAside, "setAside");
  }

  /** Baseline state by server name; empty when nothing was loaded. */
  public Map<String, BaselineState> servers() {
    return stored.map(StoredBaselines::servers).orElse(Map.of());
  }
}
