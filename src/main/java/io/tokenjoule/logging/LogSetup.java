package io.tokenjoule.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code --log.level} and {@code --log.format} to logback when a command starts, replacing
 * what logback.xml set up: the root logger gets the level and one appender writing the format.
 * Stack traces are written only at {@link LogLevel#DEBUG}. The chatty libraries (Netty, Vert.x,
 * OSHI) stay at WARN unless the level is ERROR. Call it before the command logs; calling it again
 * replaces the previous setup. Does nothing when SLF4J is not bound to logback.
 */
public final class LogSetup {

  /** Libraries that log too much below WARN to be useful here. */
  static final List<String> QUIET_LOGGERS = List.of("io.netty", "io.vertx", "oshi");

  private static final String APPENDER_NAME = "tokenjoule";

  private LogSetup() {}

  /** Logs at {@code level} and above, in {@code format}, to standard error. */
  public static void apply(LogLevel level, LogFormat format) {
    apply(level, format, System.err);
  }

  /**
   * Logs at {@code level} and above, in {@code format}, to {@code target}, which is flushed after
   * each event and never closed here.
   */
  public static void apply(LogLevel level, LogFormat format, OutputStream target) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return;
    }
    LayoutBase<ILoggingEvent> layout = format.layout(level == LogLevel.DEBUG);
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setName(APPENDER_NAME);
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setImmediateFlush(true);
    appender.setOutputStream(new NotClosing(target));
    appender.start();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
    root.setLevel(level.logback());
    Level quiet = level == LogLevel.ERROR ? Level.ERROR : Level.WARN;
    for (String name : QUIET_LOGGERS) {
      context.getLogger(name).setLevel(quiet);
    }
    // grpc-netty sets SO_KEEPALIVE on every channel; on the kubelet's Unix socket Netty ignores
    // it and would warn at each connection.
    context.getLogger("io.netty.bootstrap.Bootstrap").setLevel(Level.ERROR);
  }

  /** Keeps standard error open when logback stops the appender. */
  private static final class NotClosing extends FilterOutputStream {
    NotClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
