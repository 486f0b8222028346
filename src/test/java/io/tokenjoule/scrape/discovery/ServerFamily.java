package io.tokenjoule.scrape.discovery;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * A real two-process "inference server" for the end-to-end discovery test, shaped like vLLM: the
 * parent starts a child that listens on an ephemeral port and serves the vLLM fixture page on
 * {@code /metrics}. Run as {@code ServerFamily parent} with the test classpath. Both print one line
 * each ({@code parent <pid>}, {@code child <pid> <port>}) and both exit when their standard input
 * closes, so a test that dies leaves nothing running.
 */
public final class ServerFamily {

  private ServerFamily() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("parent")) {
      parent();
    } else if (args.length == 1 && args[0].equals("child")) {
      child();
    } else if (args.length == 1 && args[0].equals("pod")) {
      pod();
    } else {
      throw new IllegalArgumentException("usage: ServerFamily parent|child|pod");
    }
  }

  /**
   * A server as in a pod: the metrics page on 0.0.0.0 and a side port on 127.0.0.1 only, both
   * ephemeral; prints {@code pod <pid> <wildcard port> <loopback port>}.
   */
  private static void pod() throws IOException {
    HttpServer wildcard = serve(new InetSocketAddress(0));
    HttpServer loopback = serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    System.out.println(
        "pod "
            + ProcessHandle.current().pid()
            + " "
            + wildcard.getAddress().getPort()
            + " "
            + loopback.getAddress().getPort());
    System.out.flush();
    waitForEndOfInput();
    wildcard.stop(0);
    loopback.stop(0);
  }

  private static void parent() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ServerFamily.class.getName(),
                "child")
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    System.out.println("parent " + ProcessHandle.current().pid());
    System.out.flush();
    waitForEndOfInput();
    child.destroy();
    child.waitFor();
  }

  private static void child() throws IOException {
    HttpServer server = serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    System.out.println(
        "child " + ProcessHandle.current().pid() + " " + server.getAddress().getPort());
    System.out.flush();
    waitForEndOfInput();
    server.stop(0);
  }

  private static HttpServer serve(InetSocketAddress address) throws IOException {
    byte[] page;
    try (InputStream in =
        ServerFamily.class.getResourceAsStream("/fixtures/vllm/v1-dp2-text.txt")) {
      page = in.readAllBytes();
    }
    HttpServer server = HttpServer.create(address, 0);
    server.createContext(
        "/metrics",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, page.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
          }
        });
    server.start();
    return server;
  }

  private static void waitForEndOfInput() throws IOException {
    while (System.in.read() >= 0) {
      // wait for the parent (or the test) to go away
    }
  }
}
