package io.tokenjoule.proxy;

import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.Set;

/**
 * Copies headers from one hop to the next, leaving out those that belong to a single connection
 * (RFC 9110 section 7.6.1) and any the caller names.
 */
final class HopHeaders {

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  private HopHeaders() {}

  /**
   * @param leaveOut lower-case names not to copy besides the hop-by-hop ones
   */
  static void copy(MultiMap from, MultiMap to, Set<String> leaveOut) {
    String connection = from.get("Connection");
    for (var header : from) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (!HOP_BY_HOP.contains(name) && !leaveOut.contains(name) && !listedIn(connection, name)) {
        to.add(header.getKey(), header.getValue());
      }
    }
  }

  /** Whether the Connection header names this header as one of the connection's own. */
  private static boolean listedIn(String connection, String name) {
    if (connection == null) {
      return false;
    }
    for (String listed : connection.split(",")) {
      if (listed.strip().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
