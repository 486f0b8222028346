package io.tokenjoule.dashboards;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, found by a small scanner rather than a full parser:
 * it skips strings, label matchers ({@code {...}}), ranges ({@code [...]}), numbers and durations,
 * the label lists of {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left}
 * and {@code group_right}, keywords, and names followed by {@code (} (functions and aggregations).
 * What is left are metric names. Grafana's {@code $variables} only appear inside the skipped parts
 * of tokenjoule's queries.
 */
final class PromqlMetricNames {

  private static final Set<String> AGGREGATIONS =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "group",
          "stddev",
          "stdvar",
          "count",
          "count_values",
          "bottomk",
          "topk",
          "quantile",
          "limitk",
          "limit_ratio");
  private static final Set<String> LABEL_LIST_KEYWORDS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("\\s*label_values\\((?:(.*),)?\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*");

  private PromqlMetricNames() {}

  /** The metric names a PromQL expression selects, sorted. */
  static Set<String> of(String expr) {
    Set<String> names = new TreeSet<>();
    int i = 0;
    int n = expr.length();
    while (i < n) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(expr, i);
      } else if (c == '{') {
        i = skipBalanced(expr, i, '{', '}');
      } else if (c == '[') {
        i = skipBalanced(expr, i, '[', ']');
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
        i = skipNumber(expr, i);
      } else if (c == '$') {
        i = skipVariable(expr, i);
      } else if (isNameStart(c)) {
        int end = i + 1;
        while (end < n && isNamePart(expr.charAt(end))) {
          end++;
        }
        String word = expr.substring(i, end);
        int next = skipSpace(expr, end);
        boolean call = next < n && expr.charAt(next) == '(';
        if (LABEL_LIST_KEYWORDS.contains(word)) {
          i = call ? skipBalanced(expr, next, '(', ')') : end;
        } else {
          if (!call && !AGGREGATIONS.contains(word) && !KEYWORDS.contains(word.toLowerCase())) {
            names.add(word);
          }
          i = end;
        }
      } else {
        i++;
      }
    }
    return names;
  }

  /**
   * The metric names of a Grafana Prometheus variable query: for {@code label_values(selector,
   * label)} those of the selector, none for {@code label_values(label)}; any other query is read as
   * PromQL ({@code query_result(...)} and the like).
   */
  static Set<String> ofVariableQuery(String query) {
    Matcher m = LABEL_VALUES.matcher(query);
    if (m.matches()) {
      return m.group(1) == null ? Set.of() : of(m.group(1));
    }
    return of(query);
  }

  private static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_' || c == ':';
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || Character.isDigit(c);
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipString(String s, int i) {
    char quote = s.charAt(i);
    i++;
    while (i < s.length() && s.charAt(i) != quote) {
      i += s.charAt(i) == '\\' && quote != '`' ? 2 : 1;
    }
    return i + 1;
  }

  private static int skipBalanced(String s, int i, char open, char close) {
    int depth = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(s, i);
        continue;
      }
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    return i;
  }

  /**
   * A number, hexadecimal or with an exponent, or a duration such as {@code 5m} or {@code 1h30m}.
   */
  private static int skipNumber(String s, int i) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if ((c == 'e' || c == 'E')
          && i + 1 < s.length()
          && (s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-')) {
        i += 2;
      } else if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  /** A Grafana variable: {@code $name} or {@code ${name}} or {@code ${name:format}}. */
  private static int skipVariable(String s, int i) {
    if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
      int close = s.indexOf('}', i);
      return close < 0 ? s.length() : close + 1;
    }
    i++;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    return i;
  }
}
