/**
 * The metering proxy: a reverse proxy in front of an OpenAI-compatible or Ollama server that
 * forwards every request unchanged (streams included, with backpressure), reads the tokens each
 * response reports, and counts them per tenant and model. Tenants come from a header, a mapping
 * file or the hashed API key, within a bounded set. Run alone ({@code tokenjoule proxy}) it exports
 * tokens and requests; run by the agent ({@code proxy:} in its configuration) its counters join the
 * energy accounting as one more server, and that server's energy is split between tenants.
 *
 * <p>Everything on the request path runs on Vert.x event loops and never blocks; what one
 * connection holds is bounded (the request body by a limit, an unfinished stream event or line by a
 * limit, a JSON response by its longest string), never the whole response.
 */
package io.tokenjoule.proxy;
