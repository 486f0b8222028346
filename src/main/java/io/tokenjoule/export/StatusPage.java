package io.tokenjoule.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * The status page at {@code /}, for a node without Grafana: the {@link StatusFragment} rendered on
 * the server, and a few hundred bytes of script that fetch it again from {@code -/status} every
 * refresh interval. No framework, nothing loaded from elsewhere: its {@link
 * #CONTENT_SECURITY_POLICY} admits only its own inline script and style (by hash) and requests to
 * the agent. Stateless.
 */
final class StatusPage {

  private static final String STYLE =
      "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}"
          + "table{border-collapse:collapse;margin:1em 0}caption{text-align:left;font-weight:600}"
          + "th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}"
          + "th{background:#f4f4f4}.ok{color:#1a7f37}.bad{color:#b42318;font-weight:600}"
          + ".muted{color:#777}#state{margin-left:1em}";

  private static final String SCRIPT =
      "(function(){var live=document.getElementById('live'),state=document.getElementById('state'),"
          + "every=Number(live.getAttribute('data-refresh-ms'))||2000;"
          + "state.textContent='live';state.className='ok';"
          + "function refresh(){fetch('-/status',{cache:'no-store',credentials:'same-origin'})"
          + ".then(function(r){if(!r.ok){throw new Error('HTTP '+r.status);}return r.text();})"
          + ".then(function(html){live.innerHTML=html;state.textContent='live';"
          + "state.className='ok';})"
          + ".catch(function(e){state.textContent='agent unreachable ('+e.message+'), retrying';"
          + "state.className='bad';})"
          + ".then(function(){setTimeout(refresh,every);});}"
          + "setTimeout(refresh,every);})();";

  /** Only this page's own script and style, and requests back to the agent. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; connect-src 'self'; img-src data:; script-src '"
          + sha256(SCRIPT)
          + "'; style-src '"
          + sha256(STYLE)
          + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private StatusPage() {}

  /**
   * The whole page.
   *
   * @param view the latest tick, or null before the first
   * @param refresh how often the script fetches the live part again
   */
  static String render(StatusView view, String version, Duration refresh) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<title>tokenjoule</title><link rel=\"icon\" href=\"data:,\"><style>"
        + STYLE
        + "</style></head><body><h1>tokenjoule "
        + HtmlTable.escape(version)
        + "<span id=\"state\" class=\"muted\">loading</span></h1>"
        + "<p>Joules per token for AI inference, measured on this node. Windowed figures are the"
        + " agent's own; for fleets, query the counters in Prometheus."
        + " <a href=\"metrics\">/metrics</a> · <a href=\"healthz\">/healthz</a> ·"
        + " <a href=\"readyz\">/readyz</a></p>"
        + "<main id=\"live\" data-refresh-ms=\""
        + Math.max(1000, refresh.toMillis())
        + "\">"
        + StatusFragment.render(view)
        + "</main><script>"
        + SCRIPT
        + "</script></body></html>\n";
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
