package io.tokenjoule.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * An http(s) URL given on the command line, checked before anything is sent, so that a typo is
 * named with its option rather than surfacing as a Java or Netty exception.
 */
final class HttpUrlArgument {

  private static final int MAX_PORT = 65535;

  private HttpUrlArgument() {}

  /**
   * {@code text} as an absolute http(s) URL with a host, and a port if any in 1-65535.
   *
   * @param what the option or parameter the URL was given as, for the message
   * @throws ParameterException naming {@code what}, the URL and what is wrong with it
   */
  static URI parse(CommandSpec spec, String what, String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw invalid(spec, what, text, e.getReason().toLowerCase(Locale.ROOT));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid(spec, what, text, "expected http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw invalid(spec, what, text, "no host name");
    }
    if (uri.getPort() == 0 || uri.getPort() > MAX_PORT) {
      throw invalid(spec, what, text, "the port must be between 1 and " + MAX_PORT);
    }
    return uri;
  }

  /** {@code uri} with {@code path} when it has none, such as {@code http://host:8000}. */
  static URI withDefaultPath(URI uri, String path) {
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
      return uri;
    }
    return URI.create(
        uri.getScheme()
            + "://"
            + uri.getRawAuthority()
            + path
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
  }

  private static ParameterException invalid(
      CommandSpec spec, String what, String text, String reason) {
    return new ParameterException(
        spec.commandLine(), what + ": '" + text + "' is not a valid URL: " + reason);
  }
}
