package io.tokenjoule.export;

import java.util.function.ToDoubleFunction;

/**
 * A gauge to publish for every object of type {@code T} (a GPU, a server...).
 *
 * @param name Micrometer's dotted name; the Prometheus name adds the base unit
 * @param baseUnit the unit, or null
 * @param tags extra tags beyond the object's own, as name/value pairs
 */
record GaugeSpec<T>(
    String name, String baseUnit, String description, ToDoubleFunction<T> value, String... tags) {}
