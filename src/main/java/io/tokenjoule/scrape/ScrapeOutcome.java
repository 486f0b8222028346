package io.tokenjoule.scrape;

import java.util.Objects;

/** What one scrape of one target gave: a reading, or the reason there is none. */
public sealed interface ScrapeOutcome permits ScrapeOutcome.Success, ScrapeOutcome.Failure {

  /** Wall time the scrape took, from sending the request to the end of parsing. */
  double durationSeconds();

  /**
   * @param unparsedLines lines of the page the parser could not read (tolerated, counted)
   * @param bodyBytes size of the page after decompression
   */
  record Success(ServerReading reading, double durationSeconds, int unparsedLines, int bodyBytes)
      implements ScrapeOutcome {
    public Success {
      Objects.requireNonNull(reading, "reading");
    }
  }

  record Failure(ScrapeError error, String message, double durationSeconds)
      implements ScrapeOutcome {
    public Failure {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(message, "message");
    }
  }
}
