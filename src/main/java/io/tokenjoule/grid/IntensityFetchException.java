package io.tokenjoule.grid;

import java.util.Objects;

/**
 * A live fetch that gave no reading: the kind of failure, and a message that starts with the URL
 * asked (never the credentials) and says what was wrong, with the provider's own error message when
 * its answer carried one.
 */
public final class IntensityFetchException extends Exception {

  private final IntensityFetchError error;

  public IntensityFetchException(IntensityFetchError error, String message) {
    super(message, null, false, false);
    this.error = Objects.requireNonNull(error, "error");
  }

  public IntensityFetchError error() {
    return error;
  }
}
