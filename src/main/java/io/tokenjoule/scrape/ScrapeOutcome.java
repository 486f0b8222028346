package io.tokenjoule.scrape;

import java.util.Map;
import java.util.Objects;

/**
 * What one scrape of one target gave: a reading, or the reason there is none; and either way, what
 * its limits refused.
 */
public sealed interface ScrapeOutcome permits ScrapeOutcome.Success, ScrapeOutcome.Failure {

  /** Wall time the scrape took, from sending the request to the end of parsing. */
  double durationSeconds();

  /** What the scrape's limits refused, by reason; empty when nothing was. */
  Map<DropReason, Long> drops();

  /**
   * @param unparsedLines lines of the page the parser could not read (tolerated, counted)
   * @param bodyBytes size of the page after decompression
   */
  record Success(
      ServerReading reading,
      double durationSeconds,
      int unparsedLines,
      long bodyBytes,
      Map<DropReason, Long> drops)
      implements ScrapeOutcome {
    public Success {
      Objects.requireNonNull(reading, "reading");
      drops = Map.copyOf(drops);
    }

    public Success(ServerReading reading, double durationSeconds, int unparsedLines, long bytes) {
      this(reading, durationSeconds, unparsedLines, bytes, Map.of());
    }
  }

  record Failure(
      ScrapeError error, String message, double durationSeconds, Map<DropReason, Long> drops)
      implements ScrapeOutcome {
    public Failure {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(message, "message");
      drops = Map.copyOf(drops);
    }

    public Failure(ScrapeError error, String message, double durationSeconds) {
      this(error, message, durationSeconds, Map.of());
    }
  }
}
