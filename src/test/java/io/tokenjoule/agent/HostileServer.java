package io.tokenjoule.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

/**
 * A metrics server that misbehaves on purpose, over raw sockets so that it can do what no HTTP
 * library would: lie about lengths, stall mid-header, reset mid-body, send gzip nobody asked for.
 * Its {@link Behaviour} can be switched while it runs; each request is answered with the current
 * one. Beside the page, every behaviour that serves one carries valid vLLM counters, so the agent
 * sees an engine it knows.
 */
final class HostileServer implements AutoCloseable {

  /** What the server does with each request. */
  enum Behaviour {
    // What the agent failed on before: memory, ticks, its own page.
    CHUNKED_1GIB("1 GiB chunked body"),
    CLOSE_DELIMITED_1GIB("1 GiB body ended by close"),
    GZIP_BOMB("gzip 1000:1, unasked"),
    MILLION_SERIES("1M series (~90 MB)"),
    PAGE_JUST_UNDER_LIMIT("16 MiB - 64 KiB page"),
    SERIES_199K("199,000 series"),
    LINE_10MIB("one 10 MiB line"),
    MODEL_NAME_1MIB("1 MiB model_name"),
    NEW_MODELS_5000("5,000 new models/scrape"),
    NEW_MODELS_200("200 new models/scrape"),
    LABEL_64KIB("64 KiB label value"),
    // What it handled before, and must go on handling.
    DECLARED_LENGTH_OVER("Content-Length 1 GiB"),
    SLOWLORIS_HEADERS("slowloris headers"),
    SLOWLORIS_BODY("slowloris body"),
    BINARY_GARBAGE("binary garbage"),
    MALFORMED_UTF8("malformed UTF-8"),
    COUNTER_RESETS("counter resets"),
    NAN_INF_NEGATIVE("NaN, Inf, negative"),
    DUPLICATE_SERIES("duplicate series"),
    ENGINE_FLIP("vLLM/SGLang flip"),
    VALID_GZIP("valid gzip page"),
    REDIRECT_LOOP("redirect loop"),
    HTTP_500("HTTP 500"),
    RST_MID_BODY("RST mid-body"),
    BAD_CHUNKS("bad chunk sizes"),
    TRUNCATED_CHUNKS("truncated chunked body"),
    WRONG_CONTENT_TYPE("wrong content type"),
    OPENMETRICS_NO_EOF("OpenMetrics without # EOF"),
    // Counter sanity (a sum past the largest double, a one-scrape jump): last, because the
    // target's own counters keep what these do to them.
    COUNTER_1E308("counter at 1e308"),
    COUNTER_JUMP("counter jumps 1e12 and back");

    final String description;

    Behaviour(String description) {
      this.description = description;
    }
  }

  private static final byte[] GZIP_BOMB_BODY = bomb();

  private final ServerSocket socket;
  private final ExecutorService connections = Executors.newCachedThreadPool(daemon());
  private final AtomicReference<Behaviour> behaviour = new AtomicReference<>();
  private final AtomicLong requests = new AtomicLong();
  private volatile boolean closed;

  HostileServer(int port) throws IOException {
    socket = new ServerSocket(port, 64, InetAddress.getLoopbackAddress());
    behaviour.set(Behaviour.HTTP_500);
    Thread acceptor = new Thread(this::accept, "hostile-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  void behave(Behaviour next) {
    behaviour.set(next);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = socket.accept();
        connections.execute(() -> serve(client));
      } catch (IOException e) {
        if (!closed) {
          e.printStackTrace();
        }
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout(10_000);
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (readRequest(in)) {
        long n = requests.incrementAndGet();
        if (!answer(behaviour.get(), n, client, out)) {
          return;
        }
      }
    } catch (IOException e) {
      // The agent hung up, as it should on most of these.
    }
  }

  /** Reads one request head, up to its blank line; false at the end of the connection. */
  private static boolean readRequest(InputStream in) throws IOException {
    int last4 = 0;
    int b;
    while ((b = in.read()) >= 0) {
      last4 = (last4 << 8) | b;
      if (last4 == 0x0d0a0d0a) {
        return true;
      }
    }
    return false;
  }

  /** Answers one request; false when the connection must close. */
  private boolean answer(Behaviour what, long n, Socket client, OutputStream out)
      throws IOException {
    switch (what) {
      case CHUNKED_1GIB -> {
        head(out, 200, "Transfer-Encoding: chunked\r\n");
        byte[] chunk = repeatedLines(vllmPage(n), 64 * 1024);
        for (long sent = 0; sent < (1L << 30); sent += chunk.length) {
          out.write(
              (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(chunk);
          out.write(CRLF);
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return true;
      }
      case CLOSE_DELIMITED_1GIB -> {
        head(out, 200, "Connection: close\r\n");
        byte[] chunk = repeatedLines("x_padding_total{a=\"b\"} 1\n", 64 * 1024);
        for (long sent = 0; sent < (1L << 30); sent += chunk.length) {
          out.write(chunk);
        }
        return false;
      }
      case GZIP_BOMB -> {
        head(
            out,
            200,
            "Content-Encoding: gzip\r\nContent-Length: " + GZIP_BOMB_BODY.length + "\r\n");
        out.write(GZIP_BOMB_BODY);
        return true;
      }
      case MILLION_SERIES -> {
        chunked(
            out,
            vllmPage(n),
            1_000_000,
            i ->
                "vllm:generation_tokens_total{model_name=\"m\",series=\""
                    + i
                    + "\",engine=\"0\"} "
                    + i
                    + "\n");
        return true;
      }
      case PAGE_JUST_UNDER_LIMIT -> {
        fixed(out, "text/plain; version=0.0.4", cached(what, HostileServer::justUnderLimit));
        return true;
      }
      case SERIES_199K -> {
        chunked(
            out,
            vllmPage(n),
            199_000,
            i -> "vllm:request_success_total{model_name=\"m\",finished_reason=\"r" + i + "\"} 1\n");
        return true;
      }
      case LINE_10MIB -> {
        fixed(out, "text/plain", cached(what, () -> utf8(vllmPage(1) + longLine(10 << 20))));
        return true;
      }
      case MODEL_NAME_1MIB -> {
        fixed(out, "text/plain", cached(what, () -> utf8(vllmPage(1, "m".repeat(1 << 20)))));
        return true;
      }
      case NEW_MODELS_5000, NEW_MODELS_200 -> {
        int models = what == Behaviour.NEW_MODELS_5000 ? 5000 : 200;
        StringBuilder page = new StringBuilder();
        for (int i = 0; i < models; i++) {
          page.append(vllmPage(n, "model-" + n + "-" + i));
        }
        fixed(out, "text/plain", page.toString().getBytes(StandardCharsets.UTF_8));
        return true;
      }
      case LABEL_64KIB -> {
        fixed(out, "text/plain", cached(what, () -> utf8(vllmPage(1, "x".repeat(64 << 10)))));
        return true;
      }
      case COUNTER_1E308 -> {
        String page =
            vllmPage(n)
                + "vllm:generation_tokens_total{model_name=\"m\",engine=\"1\"} 1e308\n"
                + "vllm:generation_tokens_total{model_name=\"m\",engine=\"2\"} 1e308\n";
        fixed(out, "text/plain", page.getBytes(StandardCharsets.UTF_8));
        return true;
      }
      case COUNTER_JUMP -> {
        String page = n % 10 == 0 ? vllmPage(n + 1_000_000_000_000L) : vllmPage(n);
        fixed(out, "text/plain", page.getBytes(StandardCharsets.UTF_8));
        return true;
      }
      case DECLARED_LENGTH_OVER -> {
        head(out, 200, "Content-Length: " + (1L << 30) + "\r\n");
        out.write(vllmPage(n).getBytes(StandardCharsets.UTF_8));
        return false;
      }
      case SLOWLORIS_HEADERS -> {
        byte[] head =
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Slow: "
                .getBytes(StandardCharsets.US_ASCII);
        out.write(head);
        for (int i = 0; i < 600 && !closed; i++) {
          out.write('a');
          out.flush();
          sleep(100);
        }
        return false;
      }
      case SLOWLORIS_BODY -> {
        byte[] body = vllmPage(n).getBytes(StandardCharsets.UTF_8);
        head(out, 200, "Content-Length: " + body.length + "\r\n");
        for (byte b : body) {
          out.write(b);
          out.flush();
          sleep(100);
        }
        return true;
      }
      case BINARY_GARBAGE -> {
        byte[] garbage = new byte[256 * 1024];
        new Random(n).nextBytes(garbage);
        fixed(out, "text/plain", garbage);
        return true;
      }
      case MALFORMED_UTF8 -> {
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        page.writeBytes(vllmPage(n).getBytes(StandardCharsets.UTF_8));
        page.writeBytes(
            "vllm:generation_tokens_total{model_name=\"".getBytes(StandardCharsets.US_ASCII));
        page.writeBytes(new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff, (byte) 0xfe});
        page.writeBytes("\"} 5\n".getBytes(StandardCharsets.US_ASCII));
        fixed(out, "text/plain", page.toByteArray());
        return true;
      }
      case COUNTER_RESETS -> {
        fixed(out, "text/plain", vllmPage(n % 5).getBytes(StandardCharsets.UTF_8));
        return true;
      }
      case NAN_INF_NEGATIVE -> {
        String value =
            switch ((int) (n % 4)) {
              case 0 -> "NaN";
              case 1 -> "+Inf";
              case 2 -> "-Inf";
              default -> "-5";
            };
        fixed(
            out,
            "text/plain",
            vllmPage(n)
                .replaceAll("} [0-9]+\n", "} " + value + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return true;
      }
      case DUPLICATE_SERIES -> {
        fixed(out, "text/plain", (vllmPage(n) + vllmPage(n + 7)).getBytes(StandardCharsets.UTF_8));
        return true;
      }
      case ENGINE_FLIP -> {
        String page = n % 2 == 0 ? vllmPage(n) : vllmPage(n).replace("vllm:", "sglang:");
        fixed(out, "text/plain", page.getBytes(StandardCharsets.UTF_8));
        return true;
      }
      case VALID_GZIP -> {
        byte[] body = gzip(vllmPage(n).getBytes(StandardCharsets.UTF_8));
        head(
            out,
            200,
            "Content-Type: text/plain\r\nContent-Encoding: gzip\r\nContent-Length: "
                + body.length
                + "\r\n");
        out.write(body);
        return true;
      }
      case REDIRECT_LOOP -> {
        head(out, 302, "Location: /metrics\r\nContent-Length: 0\r\n");
        return true;
      }
      case HTTP_500 -> {
        byte[] body = "boom".getBytes(StandardCharsets.US_ASCII);
        head(out, 500, "Content-Length: " + body.length + "\r\n");
        out.write(body);
        return true;
      }
      case RST_MID_BODY -> {
        byte[] body = vllmPage(n).getBytes(StandardCharsets.UTF_8);
        head(out, 200, "Content-Length: " + body.length + "\r\n");
        out.write(body, 0, body.length / 2);
        out.flush();
        client.setSoLinger(true, 0);
        return false;
      }
      case BAD_CHUNKS -> {
        head(out, 200, "Transfer-Encoding: chunked\r\n");
        out.write("zz\r\nnot a chunk\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return false;
      }
      case TRUNCATED_CHUNKS -> {
        head(out, 200, "Transfer-Encoding: chunked\r\n");
        byte[] body = vllmPage(n).getBytes(StandardCharsets.UTF_8);
        out.write(
            (Integer.toHexString(body.length * 2) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        return false;
      }
      case WRONG_CONTENT_TYPE -> {
        byte[] body = vllmPage(n).getBytes(StandardCharsets.UTF_8);
        head(out, 200, "Content-Type: image/png\r\nContent-Length: " + body.length + "\r\n");
        out.write(body);
        return true;
      }
      case OPENMETRICS_NO_EOF -> {
        fixed(
            out,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
            vllmPage(n).getBytes(StandardCharsets.UTF_8));
        return true;
      }
    }
    throw new AssertionError(what);
  }

  private final java.util.Map<Behaviour, byte[]> pages =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A page that costs the server time to make, made once. */
  private byte[] cached(Behaviour what, java.util.function.Supplier<byte[]> page) {
    return pages.computeIfAbsent(what, b -> page.get());
  }

  private static byte[] justUnderLimit() {
    int size = (16 << 20) - (64 << 10);
    ByteArrayOutputStream page = new ByteArrayOutputStream(size);
    page.writeBytes(utf8(vllmPage(1)));
    for (int i = 0; page.size() < size - 200; i++) {
      page.writeBytes(utf8("vllm:prompt_tokens_total{model_name=\"m\",shard=\"" + i + "\"} 1\n"));
    }
    return page.toByteArray();
  }

  private static String longLine(int length) {
    return "vllm:generation_tokens_total{model_name=\"" + "m".repeat(length) + "\"} 1\n";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A valid vLLM page whose counters grow with {@code n}. */
  static String vllmPage(long n) {
    return vllmPage(n, "m");
  }

  static String vllmPage(long n, String model) {
    String labels = "{model_name=\"" + model + "\",engine=\"0\"} ";
    return "# TYPE vllm:prompt_tokens_total counter\n"
        + "vllm:prompt_tokens_total"
        + labels
        + (500 * n)
        + "\n"
        + "# TYPE vllm:generation_tokens_total counter\n"
        + "vllm:generation_tokens_total"
        + labels
        + (1000 * n)
        + "\n"
        + "vllm:request_success_total{model_name=\""
        + model
        + "\",engine=\"0\",finished_reason=\"stop\"} "
        + n
        + "\n"
        + "vllm:num_requests_running"
        + labels
        + "4\n";
  }

  private interface LineMaker {
    String line(int i);
  }

  private static void chunked(OutputStream out, String first, int lines, LineMaker maker)
      throws IOException {
    head(out, 200, "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n");
    StringBuilder chunk = new StringBuilder(first);
    for (int i = 0; i < lines; i++) {
      chunk.append(maker.line(i));
      if (chunk.length() > 32 * 1024 || i == lines - 1) {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write(CRLF);
        chunk.setLength(0);
      }
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static final byte[] CRLF = {'\r', '\n'};

  private static void head(OutputStream out, int status, String headers) throws IOException {
    out.write(
        ("HTTP/1.1 " + status + " X\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  private static void fixed(OutputStream out, String contentType, byte[] body) throws IOException {
    head(out, 200, "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n");
    out.write(body);
    out.flush();
  }

  private static byte[] repeatedLines(String text, int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + text.length());
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    while (out.size() < size) {
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  /** 64 MiB of blank-ish lines, compressed about 1000:1. */
  private static byte[] bomb() {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      byte[] block = new byte[1 << 20];
      java.util.Arrays.fill(block, (byte) ' ');
      for (int i = 0; i < 64; i++) {
        gzip.write(block);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return compressed.toByteArray();
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return compressed.toByteArray();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "hostile-connection");
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
    connections.shutdownNow();
  }
}
