package io.tokenjoule.scrape;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries one response body from the event loop to a worker thread, where it is decoded, counted
 * against {@code max_body_bytes} and handed to its {@link BodySink}. The event loop only queues the
 * raw chunks; when more than {@value #HIGH_WATER_BYTES} bytes wait, it pauses the response (so TCP
 * holds the rest at the server) until the worker has caught up. The worker handles one pipe's
 * chunks in order, one drain at a time, and stops reading the moment the exchange is settled
 * (deadline, limit, failure): what the server sends after that is never buffered.
 *
 * <p>Thread-safe: {@link #chunk}, {@link #end} and {@link #settle} may come from any thread.
 *
 * @param <T> what the sink makes of the page
 */
final class BodyPipe<T> {

  static final int HIGH_WATER_BYTES = 64 * 1024;
  static final int LOW_WATER_BYTES = 16 * 1024;

  /** What the pipe asks of the connection; each call may come from the worker thread. */
  interface Flow {
    void pause();

    void resume();
  }

  /** What the pipe reports; called once, from the worker thread. */
  interface Outcome<T> {
    void completed(T value);

    void failed(ScrapeFailure failure);
  }

  private static final byte[] END = new byte[0];

  private final String url;
  private final ContentDecoder decoder;
  private final BodySink<T> sink;
  private final long maxBodyBytes;
  private final Executor worker;
  private final Flow flow;
  private final Outcome<T> outcome;
  private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicInteger drainsWanted = new AtomicInteger();
  private volatile boolean settled;
  private boolean paused;
  private long decodedBytes;

  BodyPipe(
      String url,
      ContentDecoder decoder,
      BodySink<T> sink,
      long maxBodyBytes,
      Executor worker,
      Flow flow,
      Outcome<T> outcome) {
    this.url = url;
    this.decoder = decoder;
    this.sink = sink;
    this.maxBodyBytes = maxBodyBytes;
    this.worker = worker;
    this.flow = flow;
    this.outcome = outcome;
  }

  /** The next raw bytes of the body (a copy the pipe keeps); called on the event loop. */
  void chunk(byte[] bytes) {
    if (settled) {
      return;
    }
    queue.add(bytes);
    if (queuedBytes.addAndGet(bytes.length) > HIGH_WATER_BYTES) {
      synchronized (this) {
        if (!paused) {
          paused = true;
          flow.pause();
        }
      }
    }
    drain();
  }

  /** The body ended. */
  void end() {
    queue.add(END);
    drain();
  }

  /**
   * The exchange is over for another reason (deadline, connection lost): nothing more is read, and
   * the worker frees the decoder.
   */
  void settle() {
    settled = true;
    drain();
  }

  private void drain() {
    if (drainsWanted.getAndIncrement() == 0) {
      worker.execute(this::drainOnWorker);
    }
  }

  private void drainOnWorker() {
    int wanted = 1;
    do {
      byte[] bytes;
      while ((bytes = queue.poll()) != null) {
        if (settled) {
          continue;
        }
        if (bytes == END) {
          finish();
        } else {
          take(bytes);
        }
      }
      if (settled) {
        decoder.close();
      }
      wanted = drainsWanted.addAndGet(-wanted);
    } while (wanted != 0);
  }

  private void take(byte[] bytes) {
    try {
      decoder.decode(bytes, 0, bytes.length, this::decoded);
    } catch (ScrapeFailure failure) {
      fail(failure);
    } catch (RuntimeException e) {
      fail(new ScrapeFailure(ScrapeError.INTERNAL, "could not read the page: " + e));
    }
    if (queuedBytes.addAndGet(-bytes.length) < LOW_WATER_BYTES && !settled) {
      synchronized (this) {
        if (paused) {
          paused = false;
          flow.resume();
        }
      }
    }
  }

  private boolean decoded(byte[] bytes, int offset, int length) throws ScrapeFailure {
    if (settled) {
      return false;
    }
    decodedBytes += length;
    if (decodedBytes > maxBodyBytes) {
      throw new ScrapeFailure(
          ScrapeError.BODY_TOO_LARGE,
          "page larger than max_body_bytes " + maxBodyBytes + " once decoded; read stopped there");
    }
    sink.accept(bytes, offset, length);
    return true;
  }

  private void finish() {
    try {
      decoder.end();
      T value = sink.end();
      if (!settled) {
        settled = true;
        outcome.completed(value);
      }
    } catch (ScrapeFailure failure) {
      fail(failure);
    } catch (RuntimeException e) {
      fail(new ScrapeFailure(ScrapeError.INTERNAL, "could not read the page: " + e));
    }
  }

  /** Reports a failure of the decoder, the sink or a limit, naming the URL. */
  private void fail(ScrapeFailure failure) {
    if (!settled) {
      settled = true;
      outcome.failed(new ScrapeFailure(failure.error(), url + ": " + failure.getMessage()));
    }
  }
}
