package io.tokenjoule.scrape;

import java.net.URI;
import java.util.Objects;

/** One inference server to scrape: its name, the URL of its metrics page and its engine. */
public record ScrapeTarget(String server, URI url, EngineProfile profile) {
  public ScrapeTarget {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(profile, "profile");
  }
}
