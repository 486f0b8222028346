package io.tokenjoule.export;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Registers the meters of one kind of object (GPU, server, model) as their values become known: a
 * meter whose value this object cannot supply (a sensor the board lacks, a counter the engine does
 * not keep) is never registered, rather than exported as NaN forever. Once registered, a meter
 * reads the object's latest state through its supplier. Meters of an object can be dropped, for
 * example when its labels change. Called from one thread (the tick); meters are read from any.
 */
final class LazyMeters<T> {

  private final MeterRegistry registry;
  private final List<MeterSpec<T>> specs;
  private final List<String> specIds;
  private final Map<String, Set<String>> registeredNames = new HashMap<>();
  private final Map<String, List<Meter>> registeredMeters = new HashMap<>();
  // Micrometer holds function-counter state weakly: keep every supplier reachable here.
  private final Map<String, Supplier<T>> suppliers = new HashMap<>();

  LazyMeters(MeterRegistry registry, List<MeterSpec<T>> specs) {
    this.registry = registry;
    this.specs = List.copyOf(specs);
    this.specIds = this.specs.stream().map(spec -> spec.name() + Tags.of(spec.tags())).toList();
  }

  /**
   * Registers, for the object known as {@code key}, every meter not yet registered whose value is
   * finite now. The first supplier offered for a key is kept and must always return the key's
   * latest state.
   */
  void offer(String key, Tags tags, Supplier<T> latest) {
    Supplier<T> stable = suppliers.computeIfAbsent(key, k -> latest);
    Set<String> done = registeredNames.computeIfAbsent(key, k -> new HashSet<>());
    if (done.size() == specs.size()) {
      return;
    }
    T now = stable.get();
    List<Meter> meters = registeredMeters.computeIfAbsent(key, k -> new ArrayList<>());
    for (int i = 0; i < specs.size(); i++) {
      MeterSpec<T> spec = specs.get(i);
      String id = specIds.get(i);
      if (!done.contains(id) && Double.isFinite(spec.value().applyAsDouble(now))) {
        meters.add(register(spec, stable, tags.and(spec.tags())));
        done.add(id);
      }
    }
  }

  private Meter register(MeterSpec<T> spec, Supplier<T> latest, Tags tags) {
    ToDoubleFunction<Supplier<T>> read = s -> spec.value().applyAsDouble(s.get());
    if (spec.counter()) {
      return FunctionCounter.builder(spec.name(), latest, read)
          .baseUnit(spec.baseUnit())
          .description(spec.description())
          .tags(tags)
          .register(registry);
    }
    return Gauge.builder(spec.name(), latest, read)
        .baseUnit(spec.baseUnit())
        .description(spec.description())
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  /** Removes every meter of {@code key} from the registry. */
  void drop(String key) {
    List<Meter> meters = registeredMeters.remove(key);
    registeredNames.remove(key);
    suppliers.remove(key);
    if (meters != null) {
      meters.forEach(registry::remove);
    }
  }
}
