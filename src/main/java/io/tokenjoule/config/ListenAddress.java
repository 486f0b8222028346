package io.tokenjoule.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the agent serves {@code /metrics}.
 *
 * @param host a host name, IPv4 address or IPv6 address (without brackets); empty means every
 *     interface
 * @param port 1 to 65535
 */
public record ListenAddress(String host, int port) {

  public static final int DEFAULT_PORT = 9847;

  /** How a listen address is described in messages, after "expected". */
  public static final String EXPECTED = "host:port such as :9847, 127.0.0.1:9847 or [::1]:9847";

  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  public ListenAddress {
    Objects.requireNonNull(host, "host");
    if (!host.isEmpty() && !HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
      throw new IllegalArgumentException("not a host name or IP address: '" + host + "'");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
    }
  }

  /** Every interface, port 9847. */
  public static ListenAddress defaultAddress() {
    return new ListenAddress("", DEFAULT_PORT);
  }

  /**
   * Reads {@code :9847}, {@code 127.0.0.1:9847}, {@code localhost:9847} or {@code [::1]:9847}.
   *
   * @throws IllegalArgumentException saying what is allowed
   */
  public static ListenAddress parse(String text) {
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf("]:");
      if (close < 0 || !IPV6.matcher(text.substring(1, close)).matches()) {
        throw malformed(text, "");
      }
      host = text.substring(1, close);
      port = text.substring(close + 2);
    } else {
      int colon = text.lastIndexOf(':');
      if (colon < 0) {
        boolean justPort = !text.isEmpty() && text.chars().allMatch(Character::isDigit);
        throw malformed(text, justPort ? " (did you mean ':" + text + "'?)" : "");
      }
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
      if (host.contains(":")) {
        throw malformed(text, " (put an IPv6 address in brackets, as in [::1]:9847)");
      }
      if (!host.isEmpty() && !HOST_NAME.matcher(host).matches()) {
        throw malformed(text, "");
      }
    }
    if (port.isEmpty() || port.length() > 9 || !port.chars().allMatch(Character::isDigit)) {
      throw malformed(text, "");
    }
    int number = Integer.parseInt(port);
    if (number < 1 || number > 65_535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + number);
    }
    return new ListenAddress(host, number);
  }

  /** Whether the agent listens on every interface. */
  public boolean allInterfaces() {
    return host.isEmpty();
  }

  /** The address as {@link #parse} reads it: {@code :9847}, {@code [::1]:9847}. */
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static IllegalArgumentException malformed(String text, String hint) {
    return new IllegalArgumentException("expected " + EXPECTED + ", got '" + text + "'" + hint);
  }
}
