package io.tokenjoule.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive lock on a state directory, held by the process that writes its state: the agent for
 * as long as it runs, {@code tokenjoule baseline reset} while it resets. A running agent keeps its
 * baselines in memory and would write them back over a reset, so reset refuses while the agent
 * holds the lock.
 *
 * <p>The lock is an OS file lock on {@value #FILE_NAME} in the directory, released when the holder
 * closes it or its process ends, so a crash never leaves a stale lock. It is advisory: it binds
 * only processes that ask for it.
 */
public final class StateDirectoryLock implements AutoCloseable {

  /** The lock file's name within the state directory. */
  public static final String FILE_NAME = "tokenjoule.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private StateDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock if nobody holds it; creates the directory if needed.
   *
   * @return the lock, or empty when another process (or another holder in this one) has it
   * @throws IOException when the lock file cannot be opened
   */
  public static Optional<StateDirectoryLock> tryAcquire(Path directory) throws IOException {
    Files.createDirectories(directory);
    FileChannel channel =
        FileChannel.open(
            directory.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return Optional.of(new StateDirectoryLock(channel, lock));
      }
    } catch (OverlappingFileLockException e) {
      // held by this very process
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    channel.close();
    return Optional.empty();
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
