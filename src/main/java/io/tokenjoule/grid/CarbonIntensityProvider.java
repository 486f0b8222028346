package io.tokenjoule.grid;

import io.vertx.core.Future;

/**
 * A live source of grid carbon intensity. {@link #fetch()} may be called from any thread; its
 * future completes on a Vert.x event loop. Implementations own an HTTP client, released by {@link
 * #close()}.
 */
public interface CarbonIntensityProvider extends AutoCloseable {

  /** The provider's name as reported in {@link CarbonIntensity#provider()}. */
  String name();

  /**
   * The zone as configured, reported until the first reading names one; empty when the zone is only
   * known from the answer (a location or a postcode).
   */
  String zone();

  /**
   * Fetches the current intensity. Never throws: every failure, including a timeout, is a failed
   * future holding an {@link IntensityFetchException}.
   */
  Future<IntensityReading> fetch();

  @Override
  void close();
}
