package io.tokenjoule.export;

import java.util.function.ToDoubleFunction;

/**
 * A monotonic counter read from an object of type {@code T}; exported with {@code _total}.
 *
 * @param name Micrometer's dotted name, without {@code total}; the registry adds it
 * @param tags extra tags beyond the object's own, as name/value pairs
 */
record CounterSpec<T>(
    String name, String baseUnit, String description, ToDoubleFunction<T> value, String... tags) {}
