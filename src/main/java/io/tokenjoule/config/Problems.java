package io.tokenjoule.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one load, so all of them are reported at once. Not thread-safe. */
final class Problems {
  private final List<ConfigProblem> found = new ArrayList<>();

  void add(ConfigLocation where, String message) {
    found.add(new ConfigProblem(where, message));
  }

  /** How many problems so far; compare before and after reading a part to see if it was valid. */
  int count() {
    return found.size();
  }

  void throwIfAny() throws ConfigException {
    if (!found.isEmpty()) {
      throw new ConfigException(found);
    }
  }
}
