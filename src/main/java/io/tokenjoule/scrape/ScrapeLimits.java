package io.tokenjoule.scrape;

/**
 * Bounds on one scrape, so that no target can stall or swamp the agent.
 *
 * @param timeoutSeconds the whole request, connect to last byte
 * @param maxBodyBytes the page after decompression
 * @param maxSeries sample lines on the page
 */
public record ScrapeLimits(double timeoutSeconds, long maxBodyBytes, int maxSeries) {
  public ScrapeLimits {
    if (!(timeoutSeconds > 0) || maxBodyBytes < 1 || maxSeries < 1) {
      throw new IllegalArgumentException("scrape limits must be positive");
    }
    if (maxBodyBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBodyBytes must fit in one array");
    }
  }
}
