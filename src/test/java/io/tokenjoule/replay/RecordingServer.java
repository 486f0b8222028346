package io.tokenjoule.replay;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * Serves a recording's token counters as the acceptance kit's server does: a vLLM-named page
 * written by prometheus_client (text format 0.0.4, labels {@code model_name} and {@code engine}).
 * Each request takes a random time of up to {@code maxDelaySeconds} (the replay clock moves on by
 * it) and reads the counters at its end, as a busy Python server answers some milliseconds late.
 */
final class RecordingServer implements AutoCloseable {

  private static final String MODEL = "acceptance/llama-mini";

  private final Vertx vertx;
  private final ReplayClock clock;
  private final DoubleUnaryOperator generated;
  private final DoubleUnaryOperator prompt;
  private final DoubleUnaryOperator running;
  private final double maxDelaySeconds;
  private final Random random;
  private HttpServer server;

  /**
   * @param generated the generated-token counter at a recording time
   * @param prompt the prompt-token counter at a recording time
   * @param running the requests running at a recording time
   */
  RecordingServer(
      Vertx vertx,
      ReplayClock clock,
      DoubleUnaryOperator generated,
      DoubleUnaryOperator prompt,
      DoubleUnaryOperator running,
      double maxDelaySeconds,
      long seed) {
    this.vertx = vertx;
    this.clock = clock;
    this.generated = generated;
    this.prompt = prompt;
    this.running = running;
    this.maxDelaySeconds = maxDelaySeconds;
    this.random = new Random(seed);
  }

  URI start() {
    server = vertx.createHttpServer().requestHandler(this::answer);
    server.listen(0, "127.0.0.1").await();
    return URI.create("http://127.0.0.1:" + server.actualPort() + "/metrics");
  }

  private void answer(HttpServerRequest request) {
    double delay;
    synchronized (random) {
      delay = maxDelaySeconds * random.nextDouble();
    }
    clock.advance(delay);
    double now = clock.nowSeconds();
    request
        .response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(
            page(
                Math.floor(prompt.applyAsDouble(now)),
                Math.floor(generated.applyAsDouble(now)),
                running.applyAsDouble(now)));
  }

  private static String page(double promptTokens, double generatedTokens, double runningRequests) {
    String labels = "{engine=\"0\",model_name=\"" + MODEL + "\"}";
    return "# HELP vllm:num_requests_running Number of requests in model execution batches.\n"
        + "# TYPE vllm:num_requests_running gauge\n"
        + "vllm:num_requests_running"
        + labels
        + " "
        + runningRequests
        + "\n"
        + "# HELP vllm:prompt_tokens_total Number of prefill tokens processed.\n"
        + "# TYPE vllm:prompt_tokens_total counter\n"
        + "vllm:prompt_tokens_total"
        + labels
        + " "
        + promptTokens
        + "\n"
        + "# HELP vllm:generation_tokens_total Number of generation tokens processed.\n"
        + "# TYPE vllm:generation_tokens_total counter\n"
        + "vllm:generation_tokens_total"
        + labels
        + " "
        + generatedTokens
        + "\n";
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().await();
    }
  }
}
