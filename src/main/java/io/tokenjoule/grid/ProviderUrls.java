package io.tokenjoule.grid;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Joins a configured base URL and an endpoint path. */
final class ProviderUrls {

  private ProviderUrls() {}

  /**
   * {@code base} (scheme, host, optional port and path prefix, no query) with {@code path}
   * appended, without doubling a slash.
   *
   * @throws IllegalArgumentException when {@code base} is not an absolute http(s) URL without query
   */
  static String join(URI base, String path) {
    Objects.requireNonNull(base, "base");
    String scheme = base.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || base.getHost() == null
        || base.getRawQuery() != null
        || base.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "provider base URL must be http(s)://host[:port][/path] without query, got " + base);
    }
    String text = base.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return text + path;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
