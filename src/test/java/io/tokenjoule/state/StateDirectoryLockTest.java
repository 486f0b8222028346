package io.tokenjoule.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryLockTest {

  @TempDir Path dir;

  @Test
  void oneHolderAtATime() throws Exception {
    Path state = dir.resolve("state");
    Optional<StateDirectoryLock> first = StateDirectoryLock.tryAcquire(state);
    assertTrue(first.isPresent());
    assertTrue(Files.exists(state.resolve("tokenjoule.lock")));
    assertEquals(Optional.empty(), StateDirectoryLock.tryAcquire(state));
    first.get().close();
    try (StateDirectoryLock again = StateDirectoryLock.tryAcquire(state).orElseThrow()) {
      assertEquals(Optional.empty(), StateDirectoryLock.tryAcquire(state));
    }
  }
}
