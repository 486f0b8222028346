package io.tokenjoule.scrape;

import java.util.Objects;

/** A scrape that did not produce a reading, with the reason and a sentence naming the target. */
public final class ScrapeFailure extends Exception {

  private final ScrapeError error;

  public ScrapeFailure(ScrapeError error, String message) {
    super(message, null, false, false);
    this.error = Objects.requireNonNull(error, "error");
  }

  public ScrapeError error() {
    return error;
  }
}
