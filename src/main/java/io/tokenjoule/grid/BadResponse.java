package io.tokenjoule.grid;

/**
 * An answer that is not of the documented shape, or whose value is implausible; the detail names
 * the field. {@link JsonFetcher} adds the URL.
 */
final class BadResponse extends Exception {

  private final IntensityFetchError error;

  BadResponse(IntensityFetchError error, String detail) {
    super(detail, null, false, false);
    this.error = error;
  }

  IntensityFetchError error() {
    return error;
  }
}
