package io.tokenjoule.proxy;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** The bodies of the answers the proxy gives itself, in the OpenAI error shape. */
final class ProxyErrors {

  private ProxyErrors() {}

  static String json(String message) {
    String quoted =
        new String(JsonStringEncoder.getInstance().quoteAsString("tokenjoule proxy: " + message));
    return "{\"error\":{\"message\":\"" + quoted + "\",\"type\":\"proxy_error\"}}\n";
  }
}
