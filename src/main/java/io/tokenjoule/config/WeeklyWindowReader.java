package io.tokenjoule.config;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoublePredicate;

/**
 * Reads a list of weekly windows, each {@code {days, from, to, <value key>}}: a tariff's price
 * windows, a carbon schedule's entries. {@code days} is optional (every day); the rest required.
 */
final class WeeklyWindowReader {

  static final String DAYS = "days";
  static final String FROM = "from";
  static final String TO = "to";

  /** One window as written; its meaning is the caller's. */
  record WeeklyWindow(
      Located at, Set<DayOfWeek> days, int fromMinute, int toMinute, double value) {}

  private final String what;
  private final String valueKey;
  private final DoublePredicate valueOk;
  private final String valueRule;
  private final List<String> keys;
  private final List<String> required;

  /**
   * @param what how the list's items are called in messages, for example {@code price windows}
   * @param valueKey the key of each window's number
   * @param valueOk which numbers are allowed, described by {@code valueRule}
   */
  WeeklyWindowReader(String what, String valueKey, DoublePredicate valueOk, String valueRule) {
    this.what = what;
    this.valueKey = valueKey;
    this.valueOk = valueOk;
    this.valueRule = valueRule;
    this.keys = List.of(DAYS, FROM, TO, valueKey);
    this.required = List.of(FROM, TO, valueKey);
  }

  /** The valid windows, in order; each problem is reported at its place. Absent: none. */
  List<WeeklyWindow> read(Optional<Located> at, Problems problems) {
    if (at.isEmpty()) {
      return List.of();
    }
    if (!(at.get().node() instanceof YamlNode.Sequence list) || list.items().isEmpty()) {
      problems.add(
          at.get().location(),
          "expected a list of "
              + what
              + ", each with keys "
              + String.join(", ", keys)
              + ", got "
              + at.get().node().describe());
      return List.of();
    }
    List<WeeklyWindow> windows = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      window(at.get().item(i, list.items().get(i)), problems).ifPresent(windows::add);
    }
    return windows;
  }

  private Optional<WeeklyWindow> window(Located at, Problems problems) {
    Optional<MappingReader> reader = MappingReader.of(at, keys, problems);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    MappingReader entry = reader.get();
    Optional<Set<DayOfWeek>> days =
        entry.optional(DAYS).isPresent()
            ? ClockWindowSyntax.days(entry.optional(DAYS).get(), problems)
            : Optional.of(Set.of());
    Optional<Integer> from = minute(entry.required(FROM, required), problems);
    Optional<Integer> to = minute(entry.required(TO, required), problems);
    Optional<Double> value =
        entry
            .required(valueKey, required)
            .flatMap(v -> NumberSyntax.read(v, valueOk, valueRule, problems));
    if (days.isEmpty() || from.isEmpty() || to.isEmpty() || value.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new WeeklyWindow(at, days.get(), from.get(), to.get(), value.get()));
  }

  private static Optional<Integer> minute(Optional<Located> at, Problems problems) {
    return at.flatMap(
        a -> a.parse(problems, ClockWindowSyntax.EXPECTED_TIME, ClockWindowSyntax::minuteOfDay));
  }
}
