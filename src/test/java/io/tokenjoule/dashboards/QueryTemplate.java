package io.tokenjoule.dashboards;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grafana's variable substitution, as far as tokenjoule's dashboards use it: {@code $name}, {@code
 * ${name}} and {@code ${name:format}} (the format is ignored: the values given are used as they
 * are). Built-in variables such as {@code $__rate_interval} are looked up like any other.
 */
final class QueryTemplate {

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([a-zA-Z0-9_]+)(?::[a-zA-Z0-9_]+)?}|\\$([a-zA-Z0-9_]+)");

  private QueryTemplate() {}

  /**
   * The query with every variable replaced by its value.
   *
   * @throws IllegalArgumentException naming the variable, when one has no value
   */
  static String substitute(String query, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalArgumentException("no value for the variable $" + name + " in: " + query);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
