package io.tokenjoule.energybench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A closed loop: keeps {@code concurrency} requests in flight, starting the next as soon as one
 * finishes, until the workload's requests have all been sent and have all finished. Thread-safe.
 */
public final class LoadGenerator {

  private final StreamingClient client;
  private final RequestBodies bodies;
  private final Workload workload;
  private final int concurrency;
  private final Consumer<RequestOutcome> onFinished;
  private final Runnable onWindowEdge;
  private final PromptPrefixes prefixes;
  private final RequestPhase phase;
  private final List<RequestOutcome> outcomes = new ArrayList<>();
  private final CompletableFuture<List<RequestOutcome>> done = new CompletableFuture<>();
  private int issued;
  private int sent;
  private int inFlight;
  private boolean targetReached;

  /**
   * @param onFinished told of each outcome as it comes, for progress; must not block
   * @param onWindowEdge run when the target concurrency is first reached and when the last request
   *     starts, the edges of the steady-state window, so energy can be sampled right there; must
   *     not block
   * @param prefixes what makes each prompt distinct
   * @param phase the requests' phase, part of what makes them distinct
   */
  public LoadGenerator(
      StreamingClient client,
      RequestBodies bodies,
      Workload workload,
      int concurrency,
      Consumer<RequestOutcome> onFinished,
      Runnable onWindowEdge,
      PromptPrefixes prefixes,
      RequestPhase phase) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
    }
    this.client = client;
    this.bodies = bodies;
    this.workload = workload;
    this.concurrency = concurrency;
    this.onFinished = onFinished;
    this.onWindowEdge = onWindowEdge;
    this.prefixes = prefixes;
    this.phase = phase;
  }

  /** Starts the loop; the future completes with every outcome, in request order. */
  public CompletableFuture<List<RequestOutcome>> start() {
    int first = Math.min(concurrency, workload.requests());
    for (int i = 0; i < first; i++) {
      issueNext();
    }
    return done;
  }

  private void issueNext() {
    int index;
    synchronized (this) {
      if (issued >= workload.requests()) {
        return;
      }
      index = issued++;
    }
    byte[] body =
        bodies.body(
            prefixes.apply(workload.prompt(index), phase, concurrency, index),
            workload.maxTokens(index));
    client.send(index, body, this::sending).onSuccess(this::finished);
  }

  private void sending() {
    boolean edge;
    synchronized (this) {
      sent++;
      inFlight++;
      boolean firstAtTarget = !targetReached && inFlight >= concurrency;
      targetReached |= firstAtTarget;
      edge = firstAtTarget || sent == workload.requests();
    }
    if (edge) {
      onWindowEdge.run();
    }
  }

  private void finished(RequestOutcome outcome) {
    boolean all;
    synchronized (this) {
      outcomes.add(outcome);
      inFlight--;
      all = outcomes.size() == workload.requests();
    }
    onFinished.accept(outcome);
    if (all) {
      List<RequestOutcome> sorted;
      synchronized (this) {
        sorted = new ArrayList<>(outcomes);
      }
      sorted.sort(Comparator.comparingInt(RequestOutcome::index));
      done.complete(List.copyOf(sorted));
    } else {
      issueNext();
    }
  }
}
