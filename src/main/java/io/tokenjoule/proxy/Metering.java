package io.tokenjoule.proxy;

import io.vertx.core.http.HttpClientResponse;
import java.util.Locale;

/**
 * The metering of one inference request: who sent it, what it asked, and where its record goes.
 * Chooses how to read the response and makes the record when it ends.
 */
final class Metering {

  private final String tenant;
  private final LabelBudget models;
  private final RequestSink sink;
  private RequestInspection inspection = RequestInspection.unreadable(new byte[0]);
  private ResponseMeter meter = ResponseMeter.passThrough();
  private boolean answered;

  Metering(String tenant, LabelBudget models, RequestSink sink) {
    this.tenant = tenant;
    this.models = models;
    this.sink = sink;
  }

  /** Reads the request body; until then the request counts as unreadable. */
  void inspect(InferenceApi api, byte[] body) {
    inspection = RequestInspector.inspect(api, body);
  }

  RequestInspection inspection() {
    return inspection;
  }

  /**
   * The meter for this response: by its content type, SSE, NDJSON or JSON; an error status, a
   * compressed body or another type is forwarded unread.
   */
  ResponseMeter meterFor(HttpClientResponse response) {
    String type = lower(response.getHeader("Content-Type"));
    String encoding = lower(response.getHeader("Content-Encoding"));
    answered = response.statusCode() / 100 == 2;
    boolean readable =
        inspection.readable() && answered && (encoding.isEmpty() || encoding.equals("identity"));
    if (!readable) {
      meter = ResponseMeter.passThrough();
    } else if (type.startsWith("text/event-stream")) {
      meter = StreamMeter.sse(inspection.usageInjected());
    } else if (type.contains("ndjson")) {
      meter = StreamMeter.ndjson();
    } else if (type.contains("json")) {
      meter = new JsonBodyMeter();
    } else {
      meter = ResponseMeter.passThrough();
    }
    return meter;
  }

  /**
   * Reports the request, ended as {@code ending} says (see {@link RequestRecord#of}). The model is
   * the one the response names, else the request's: a new one only when the server accepted the
   * request, so failed requests cannot fill the model budget with names of their own.
   */
  void finish(RequestOutcome ending) {
    TokenTally tally = meter.tally();
    String label;
    if (!tally.model().isEmpty()) {
      label = models.admit(tally.model());
    } else if (inspection.model().isEmpty()) {
      label = TenantResolver.UNKNOWN;
    } else if (answered) {
      label = models.admit(inspection.model());
    } else {
      label = models.knows(inspection.model()) ? inspection.model() : TenantResolver.UNKNOWN;
    }
    sink.record(RequestRecord.of(tenant, label, ending, tally));
  }

  private static String lower(String header) {
    return header == null ? "" : header.strip().toLowerCase(Locale.ROOT);
  }
}
