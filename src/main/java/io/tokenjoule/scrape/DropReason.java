package io.tokenjoule.scrape;

/**
 * Why a limit refused part of a scrape; the label value of {@code
 * tokenjoule_scrape_dropped_total{reason}}. Each refusal counts once: a series for the per-series
 * limits, a model for the per-server limits, a page for the per-page limits.
 */
public enum DropReason {
  /** The page went past {@code scrape.max_body_bytes} once decoded; the read stopped there. */
  BODY_BYTES("body_bytes"),
  /** The page had more sample lines than {@code scrape.max_series}; the read stopped there. */
  SERIES("series"),
  /** The engine's series of one page needed more memory than one scrape may hold. */
  PAGE_MEMORY("page_memory"),
  /** A line longer than the longest line a series within the label limits can have. */
  LINE_LENGTH("line_length"),
  /** A series with a label value longer than {@code scrape.max_label_value_length}. */
  LABEL_VALUE_LENGTH("label_value_length"),
  /** A series with more labels than {@code scrape.max_labels_per_series}. */
  LABEL_COUNT("label_count"),
  /** A model past {@code scrape.max_models} for its server. */
  MODELS("models"),
  /** A model past {@code scrape.max_new_models_per_scrape} new ones in one scrape. */
  NEW_MODELS("new_models");

  private final String label;

  DropReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
