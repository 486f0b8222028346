package io.tokenjoule.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test server as a process of its own, for {@code agent/proxy-bench.sh}: answers at once (or
 * with a delay per streamed token), so that what a benchmark measures through the proxy is the
 * proxy. Prints its base URL, then serves until killed.
 */
public final class BenchUpstream {

  private BenchUpstream() {}

  /**
   * @param args [0] the port's file to write, [1] milliseconds between streamed tokens (0: none)
   */
  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    InferenceTestServer server = new InferenceTestServer(vertx);
    server.tokenDelay(args.length > 1 ? Long.parseLong(args[1]) : 0);
    Files.writeString(Path.of(args[0]), server.baseUrl() + "\n");
    System.out.println(server.baseUrl());
    Thread.currentThread().join();
  }
}
