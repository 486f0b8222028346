package io.tokenjoule.grid;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waits for a provider's future in a test, bounded so a hang fails instead of stalling. */
final class ProviderResults {

  private ProviderResults() {}

  static <T> T value(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  static IntensityFetchException failure(Future<?> future) {
    ExecutionException thrown =
        assertThrows(
            ExecutionException.class,
            () -> future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
    return assertInstanceOf(IntensityFetchException.class, thrown.getCause());
  }
}
