package io.tokenjoule.export;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The meters of one kind of object (GPU, server, model), published from each tick's state.
 *
 * <p>A meter shows a number only while it has one: a meter whose value this object cannot supply (a
 * sensor the board lacks, a counter the engine does not keep) is never registered, and a gauge
 * whose value stops being finite (an idle window's J/token, a lost GPU's temperature) is removed
 * until it is finite again, so no page ever carries NaN or infinity, which would turn a fleet's
 * {@code sum} or {@code avg} into NaN. A counter keeps its last value.
 *
 * <p>Meters read the value last published, not the object itself: a scrape in the middle of a tick
 * sees the previous tick's values, never a value the tick is about to withdraw. Called from one
 * thread (the tick); meters are read from any.
 */
final class LazyMeters<T> {

  /** A registered meter and the value it shows. */
  private static final class Cell {
    volatile double value;
    Meter meter;
  }

  private final MeterRegistry registry;
  private final List<MeterSpec<T>> specs;
  // Micrometer holds meter state weakly: the cells are kept reachable here.
  private final Map<String, Cell[]> cellsByKey = new HashMap<>();

  LazyMeters(MeterRegistry registry, List<MeterSpec<T>> specs) {
    this.registry = registry;
    this.specs = List.copyOf(specs);
  }

  /**
   * Publishes the state {@code now} of the object known as {@code key}, whose meters carry {@code
   * tags} (fixed by the first call for a key, until {@link #drop}).
   */
  void offer(String key, Tags tags, T now) {
    Cell[] cells = cellsByKey.computeIfAbsent(key, k -> new Cell[specs.size()]);
    for (int i = 0; i < specs.size(); i++) {
      MeterSpec<T> spec = specs.get(i);
      double value = spec.value().applyAsDouble(now);
      Cell cell = cells[i];
      if (Double.isFinite(value)) {
        if (cell == null) {
          cell = new Cell();
          cell.value = value;
          cell.meter = register(spec, cell, tags.and(spec.tags()));
          cells[i] = cell;
        } else {
          cell.value = value;
        }
      } else if (cell != null && !spec.counter()) {
        registry.remove(cell.meter);
        cells[i] = null;
      }
    }
  }

  private Meter register(MeterSpec<T> spec, Cell cell, Tags tags) {
    if (spec.counter()) {
      return FunctionCounter.builder(spec.name(), cell, c -> c.value)
          .baseUnit(spec.baseUnit())
          .description(spec.description())
          .tags(tags)
          .register(registry);
    }
    return Gauge.builder(spec.name(), cell, c -> c.value)
        .baseUnit(spec.baseUnit())
        .description(spec.description())
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  /** Removes every meter of {@code key} from the registry. */
  void drop(String key) {
    Cell[] cells = cellsByKey.remove(key);
    if (cells == null) {
      return;
    }
    for (Cell cell : cells) {
      if (cell != null) {
        registry.remove(cell.meter);
      }
    }
  }
}
