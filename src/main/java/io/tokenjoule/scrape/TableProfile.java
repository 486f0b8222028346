package io.tokenjoule.scrape;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An engine profile that is a table: the engine's name, where it serves its page, the {@link
 * CounterReader} rules that read its counters, and how its pages are recognised. Each engine's
 * subclass is its table and nothing else. Immutable and thread-safe.
 */
abstract class TableProfile implements EngineProfile {

  private final String engine;
  private final List<String> metricsPaths;
  private final CounterReader counters;
  private final Recognition recognition;

  TableProfile(
      String engine, List<String> metricsPaths, CounterReader counters, Recognition recognition) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.metricsPaths = List.copyOf(metricsPaths);
    this.counters = Objects.requireNonNull(counters, "counters");
    this.recognition = Objects.requireNonNull(recognition, "recognition");
  }

  @Override
  public String engine() {
    return engine;
  }

  @Override
  public List<String> metricsPaths() {
    return metricsPaths;
  }

  @Override
  public Set<String> sampleNames() {
    return counters.sampleNames();
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code tokenResolution} is what the table's counters may lag, summed over models: for
   * counters moved every engine step, the running requests; see {@link CounterReader.Lag}.
   */
  @Override
  public EngineCounters extract(List<Sample> samples) throws MissingMetricsException {
    return counters.read(samples);
  }

  @Override
  public Optional<String> recognise(Set<String> sampleNames) {
    return recognition.recognise(sampleNames);
  }
}
