package io.tokenjoule.energybench;

import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether the client may keep reusing pooled connections, learning from what the server
 * does. A connection is never handed back for reuse when the server announced it will close it
 * ({@code Connection: close}, or a {@code Keep-Alive} whose {@code max} is spent); Vert.x itself
 * honours {@code Connection: close} and the {@code Keep-Alive} timeout. Some servers close anyway
 * without saying so: llama.cpp's llama-server closes after every streamed response while it
 * announces {@code Keep-Alive: timeout=5, max=100}, and others close idle connections before their
 * announced timeout. A request written onto such a connection races the close and may be lost. So
 * once the server has closed a connection that was idle and that nobody had announced would close,
 * the client stops reusing connections for the rest of the run: each request then asks for {@code
 * Connection: close} and gets its own connection. Thread-safe.
 */
final class ConnectionReuse {

  private enum State {
    BUSY,
    IDLE,
    /** We, or an announcement, will close it: its close says nothing about the server. */
    CLOSING
  }

  private static final class Tracked {
    State state = State.BUSY;
    long idleSinceNanos;
    int served;
    int firstAnnouncedMax = -1;
    int announcedTimeoutSeconds = -1;
  }

  private final Map<HttpConnection, Tracked> connections = new ConcurrentHashMap<>();
  private volatile boolean reuse = true;
  private volatile String reason;
  private volatile boolean shuttingDown;

  /** A new connection: watched until it closes. */
  void opened(HttpConnection connection) {
    connections.put(connection, new Tracked());
    connection.closeHandler(closed -> closed(connection));
  }

  /**
   * Whether requests may go out on pooled connections; false once the server has shown it can't.
   */
  boolean allowed() {
    return reuse;
  }

  /** Why reuse stopped, for the log and result.json; null while it is allowed. */
  String reason() {
    return reason;
  }

  /** A request goes out on {@code connection}. */
  void busy(HttpConnection connection) {
    Tracked tracked = connections.get(connection);
    if (tracked != null) {
      synchronized (tracked) {
        if (tracked.state != State.CLOSING) {
          tracked.state = State.BUSY;
        }
      }
    }
  }

  /**
   * A response on {@code connection} ended. Closes the connection when the server said this was its
   * last request on it; otherwise marks it idle.
   *
   * @param askedToClose whether the request itself said {@code Connection: close}
   */
  void responseEnded(HttpConnection connection, HttpClientResponse response, boolean askedToClose) {
    Tracked tracked = connections.get(connection);
    if (tracked == null) {
      return;
    }
    boolean close;
    synchronized (tracked) {
      tracked.served++;
      KeepAlive keepAlive = KeepAlive.parse(response.getHeader("Keep-Alive"));
      if (keepAlive.max() >= 0 && tracked.firstAnnouncedMax < 0) {
        tracked.firstAnnouncedMax = keepAlive.max();
      }
      if (keepAlive.timeoutSeconds() >= 0) {
        tracked.announcedTimeoutSeconds = keepAlive.timeoutSeconds();
      }
      // max is the remaining count for some servers (Apache) and the total for others: either way
      // the connection is spent one request early rather than one late.
      boolean maxSpent =
          (keepAlive.max() >= 0 && keepAlive.max() <= 1)
              || (tracked.firstAnnouncedMax >= 0
                  && tracked.served >= tracked.firstAnnouncedMax - 1);
      String connectionHeader = response.getHeader("Connection");
      boolean announced =
          connectionHeader != null && connectionHeader.toLowerCase(Locale.ROOT).contains("close");
      close = maxSpent && !announced && !askedToClose;
      if (announced || askedToClose || maxSpent) {
        tracked.state = State.CLOSING;
      } else {
        tracked.state = State.IDLE;
        tracked.idleSinceNanos = System.nanoTime();
      }
    }
    if (close) {
      connection.close();
    }
  }

  /** The exchange on {@code connection} failed or was reset: the client closes it. */
  void abandoned(HttpConnection connection) {
    Tracked tracked = connections.get(connection);
    if (tracked != null) {
      synchronized (tracked) {
        tracked.state = State.CLOSING;
      }
    }
  }

  /** The client is closing every connection: none of these closes is the server's doing. */
  void shutdown() {
    shuttingDown = true;
  }

  private void closed(HttpConnection connection) {
    Tracked tracked = connections.remove(connection);
    if (tracked == null || shuttingDown) {
      return;
    }
    synchronized (tracked) {
      if (tracked.state != State.IDLE) {
        return;
      }
      double idleSeconds = (System.nanoTime() - tracked.idleSinceNanos) / 1e9;
      if (tracked.announcedTimeoutSeconds >= 0 && idleSeconds >= tracked.announcedTimeoutSeconds) {
        return; // closed at or after the timeout it announced: as agreed
      }
      if (reuse) {
        reason =
            String.format(
                Locale.ROOT,
                "the server closed an idle connection after %.3f s without announcing it"
                    + " (Keep-Alive timeout %s); every request now opens its own connection",
                idleSeconds,
                tracked.announcedTimeoutSeconds < 0
                    ? "none"
                    : tracked.announcedTimeoutSeconds + " s");
        reuse = false;
      }
    }
  }

  /**
   * A {@code Keep-Alive} response header's parameters; -1 where absent or unreadable.
   *
   * @param timeoutSeconds how long the server keeps an idle connection
   * @param max how many requests it allows on the connection
   */
  record KeepAlive(int timeoutSeconds, int max) {

    static KeepAlive parse(String header) {
      int timeout = -1;
      int max = -1;
      if (header != null) {
        for (String part : header.split(",")) {
          String[] pair = part.trim().split("=", 2);
          if (pair.length == 2) {
            int value = parseInt(pair[1].trim());
            switch (pair[0].trim().toLowerCase(Locale.ROOT)) {
              case "timeout" -> timeout = value;
              case "max" -> max = value;
              default -> {}
            }
          }
        }
      }
      return new KeepAlive(timeout, max);
    }

    private static int parseInt(String text) {
      try {
        int value = Integer.parseInt(text);
        return value < 0 ? -1 : value;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }
}
