package io.tokenjoule.config;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The pieces of a weekly time window: weekdays ({@code mon} .. {@code sun}) and times of day
 * ({@code 07:30}, with {@code 24:00} for the end of the day), read as minutes after midnight.
 */
final class ClockWindowSyntax {

  static final String EXPECTED_TIME = "a time of day such as 07:00 or 24:00";
  static final String EXPECTED_DAYS = "a list of weekdays such as [mon, tue, wed, thu, fri]";

  private ClockWindowSyntax() {}

  static int minuteOfDay(String text) {
    if (!text.matches("\\d{1,2}:\\d{2}")) {
      throw new IllegalArgumentException("expected " + EXPECTED_TIME + ", got '" + text + "'");
    }
    int colon = text.indexOf(':');
    int hour = Integer.parseInt(text.substring(0, colon));
    int minute = Integer.parseInt(text.substring(colon + 1));
    if (minute > 59 || hour > 24 || (hour == 24 && minute > 0)) {
      throw new IllegalArgumentException("expected " + EXPECTED_TIME + ", got '" + text + "'");
    }
    return hour * 60 + minute;
  }

  static DayOfWeek day(String text) {
    for (DayOfWeek day : DayOfWeek.values()) {
      String name = day.name().toLowerCase(Locale.ROOT);
      if (text.equalsIgnoreCase(name) || text.equalsIgnoreCase(name.substring(0, 3))) {
        return day;
      }
    }
    throw new IllegalArgumentException(
        "expected a weekday such as mon or monday, got '" + text + "'");
  }

  /** Reads a list of weekdays; reports each bad item at its place. */
  static Optional<Set<DayOfWeek>> days(Located at, Problems problems) {
    if (!(at.node() instanceof YamlNode.Sequence list) || list.items().isEmpty()) {
      problems.add(at.location(), "expected " + EXPECTED_DAYS + ", got " + at.node().describe());
      return Optional.empty();
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    boolean ok = true;
    for (int i = 0; i < list.items().size(); i++) {
      Optional<DayOfWeek> day =
          at.item(i, list.items().get(i)).parse(problems, "a weekday", ClockWindowSyntax::day);
      day.ifPresent(days::add);
      ok &= day.isPresent();
    }
    return ok ? Optional.of(days) : Optional.empty();
  }
}
