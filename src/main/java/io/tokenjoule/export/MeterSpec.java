package io.tokenjoule.export;

import java.util.function.ToDoubleFunction;

/**
 * A meter to publish for every object of type {@code T} (a GPU, a server, a model): a gauge, or a
 * monotonic counter exported with {@code _total}.
 *
 * @param counter true for a counter, false for a gauge
 * @param name Micrometer's dotted name, without {@code total}; the Prometheus name adds the base
 *     unit
 * @param baseUnit the unit, or null
 * @param tags extra tags beyond the object's own, as name/value pairs
 */
record MeterSpec<T>(
    boolean counter,
    String name,
    String baseUnit,
    String description,
    ToDoubleFunction<T> value,
    String... tags) {

  static <T> MeterSpec<T> gauge(
      String name, String baseUnit, String description, ToDoubleFunction<T> value, String... tags) {
    return new MeterSpec<>(false, name, baseUnit, description, value, tags);
  }

  static <T> MeterSpec<T> counter(
      String name, String baseUnit, String description, ToDoubleFunction<T> value, String... tags) {
    return new MeterSpec<>(true, name, baseUnit, description, value, tags);
  }
}
