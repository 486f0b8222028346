package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PasswordChecksTest {

  @Test
  void refusesWhatDoesNotFitInsteadOfQueueingWithoutBound() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (PasswordChecks checks = new PasswordChecks()) {
      List<CompletableFuture<Boolean>> accepted = new ArrayList<>();
      int refused = 0;
      for (int i = 0; i < PasswordChecks.THREADS + PasswordChecks.QUEUE + 10; i++) {
        CompletableFuture<Boolean> check =
            checks.submit(
                () -> {
                  release.await();
                  return true;
                });
        if (check == null) {
          refused++;
        } else {
          accepted.add(check);
        }
      }
      assertEquals(PasswordChecks.THREADS + PasswordChecks.QUEUE, accepted.size());
      assertEquals(10, refused);
      release.countDown();
      for (CompletableFuture<Boolean> check : accepted) {
        assertTrue(check.get());
      }
    }
  }
}
