package io.tokenjoule.export;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP basic authentication against the web config's {@code basic_auth_users} (user to bcrypt
 * hash). A request without valid credentials gets 401 with {@code WWW-Authenticate: Basic}.
 *
 * <p>{@link MetricsHttpServer} puts it on every path except the probes {@code /healthz} and {@code
 * /readyz}, unlike exporter-toolkit, which protects every path: kubelet cannot send basic-auth
 * credentials without writing them into the pod spec, and the probes disclose only that the agent
 * is alive and ready. {@code /metrics}, {@code /} and {@code POST /-/reload} stay protected.
 *
 * <p>Successful checks are remembered while used at least every {@link #CACHE_TTL_SECONDS} (see
 * {@link VerifiedCredentials}) and answered on the event loop at once, so a right user never waits
 * behind wrong ones. Other checks run bcrypt on {@link PasswordChecks}' few threads with a short
 * queue (full: 503 with {@code Retry-After}), never on the event loop or the Vert.x workers. A
 * client that keeps failing is backed off ({@link FailureBackoff}: 429 with {@code Retry-After}, no
 * bcrypt). An unknown user is checked against a fixed hash of the same cost as well, so a
 * response's timing does not tell which users exist. Thread-safe.
 */
final class BasicAuthentication implements Handler<RoutingContext>, AutoCloseable {

  static final long CACHE_TTL_SECONDS = 60;
  static final int CACHE_CAPACITY = 64;

  private static final String CHALLENGE = "Basic realm=\"tokenjoule\", charset=\"UTF-8\"";

  private final Vertx vertx;
  private final Map<String, String> hashes;
  private final String decoyHash;
  private final VerifiedCredentials verified =
      new VerifiedCredentials(CACHE_CAPACITY, TimeUnit.SECONDS.toNanos(CACHE_TTL_SECONDS));
  private final PasswordChecks checks = new PasswordChecks();
  private final FailureBackoff backoff = new FailureBackoff();

  /**
   * @param users user name to bcrypt hash; not empty
   */
  BasicAuthentication(Vertx vertx, Map<String, String> users) {
    if (users.isEmpty()) {
      throw new IllegalArgumentException("basic authentication needs at least one user");
    }
    this.vertx = vertx;
    this.hashes = Map.copyOf(users);
    // The decoy has the cost of some real hash, so an unknown user costs as much as a known one.
    String sample = hashes.values().iterator().next();
    int cost = Integer.parseInt(sample.substring(4, 6));
    this.decoyHash =
        new String(
            BCrypt.withDefaults().hash(cost, "tokenjoule decoy".toCharArray()),
            StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String[] credentials = credentials(ctx.request().getHeader("Authorization"));
    if (credentials == null) {
      challenge(ctx);
      return;
    }
    String user = credentials[0];
    String password = credentials[1];
    if (verified.recentlyVerified(user, password, System.nanoTime())) {
      ctx.next();
      return;
    }
    String client =
        ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().host();
    long wait = backoff.secondsToWait(client, System.nanoTime());
    if (wait > 0) {
      refuse(ctx, 429, wait);
      return;
    }
    CompletableFuture<Boolean> check = checks.submit(() -> matches(user, password));
    if (check == null) {
      refuse(ctx, 503, 1);
      return;
    }
    Context context = vertx.getOrCreateContext();
    check.whenComplete(
        (ok, error) ->
            context.runOnContext(
                v -> {
                  if (error == null && ok) {
                    verified.remember(user, password, System.nanoTime());
                    backoff.succeeded(client);
                    ctx.next();
                  } else {
                    backoff.failed(client, System.nanoTime());
                    challenge(ctx);
                  }
                }));
  }

  private static void refuse(RoutingContext ctx, int status, long retryAfterSeconds) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Retry-After", Long.toString(retryAfterSeconds))
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(status == 429 ? "Too many failed logins; retry later\n" : "Busy; retry later\n");
  }

  @Override
  public void close() {
    checks.close();
  }

  private boolean matches(String user, String password) {
    String hash = hashes.get(user);
    boolean known = hash != null;
    boolean ok;
    try {
      ok =
          BCrypt.verifyer()
              .verify(password.toCharArray(), (known ? hash : decoyHash).toCharArray())
              .verified;
    } catch (IllegalArgumentException e) { // a password bcrypt cannot take (over 72 bytes)
      ok = false;
    }
    return known && ok;
  }

  /** {user, password} from {@code Basic base64(user:password)}, or null when not that. */
  static String[] credentials(String authorization) {
    if (authorization == null || authorization.length() < 6) {
      return null;
    }
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }

  private static void challenge(RoutingContext ctx) {
    ctx.response()
        .setStatusCode(401)
        .putHeader("WWW-Authenticate", CHALLENGE)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end("Unauthorized\n");
  }
}
