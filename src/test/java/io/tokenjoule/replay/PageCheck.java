package io.tokenjoule.replay;

import java.util.ArrayList;
import java.util.List;

/** Finds the sample lines of a /metrics page whose value no exporter should publish. */
final class PageCheck {

  private PageCheck() {}

  /** Sample lines valued NaN or ±Inf. */
  static List<String> badLines(String page) {
    List<String> bad = new ArrayList<>();
    for (String line : page.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String value = line.substring(line.lastIndexOf(' ') + 1);
      if (value.equals("NaN") || value.endsWith("Inf")) {
        bad.add(line);
      }
    }
    return bad;
  }
}
