package io.tokenjoule.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baselines of all servers in one JSON file, {@value #FILE_NAME}, in a state directory (default
 * {@code /var/lib/tokenjoule}, systemd's {@code StateDirectory}).
 *
 * <p>A save never leaves a half-written file: it writes a temporary file in the same directory,
 * forces it to disk, renames it over the old file atomically, then forces the directory where the
 * platform allows (Linux does; Windows cannot open a directory, and that step is skipped). A crash
 * at any point leaves either the old file or the new one, and at worst a stray {@code
 * baselines.json.*.tmp}, which loading ignores.
 *
 * <p>A file that cannot be loaded (unreadable, corrupt, unknown format version) is never fatal:
 * {@link #load()} renames it to {@code baselines.json.corrupt-<UTC timestamp>}, logs a warning with
 * the path and the reason, and reports it; the agent then starts afresh.
 *
 * <p>Thread-safe: each save writes its own temporary file, and the last rename wins. Two processes
 * should not both write; see {@link StateDirectoryLock}.
 */
public final class BaselineStore {

  /** The state file's name within the state directory. */
  public static final String FILE_NAME = "baselines.json";

  /** Larger files are refused: even 7 days of hourly slots in 40 buckets are far smaller. */
  static final long MAX_FILE_BYTES = 64L << 20;

  private static final Logger LOG = LoggerFactory.getLogger(BaselineStore.class);
  private static final DateTimeFormatter SET_ASIDE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path directory;
  private final Path file;
  private final Clock clock;

  public BaselineStore(Path directory) {
    this(directory, Clock.systemUTC());
  }

  /**
   * @param clock names set-aside files
   */
  BaselineStore(Path directory, Clock clock) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.file = directory.resolve(FILE_NAME);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Path directory() {
    return directory;
  }

  /** The state file. */
  public Path file() {
    return file;
  }

  /**
   * Reads the state file and changes nothing.
   *
   * @return its contents; empty when there is no file
   * @throws StateFileException when it exists but cannot be read or is not a valid state file
   */
  public Optional<StoredBaselines> read() throws StateFileException {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new StateFileException(
            file, "larger than " + MAX_FILE_BYTES + " bytes, not a baseline state file", null);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StateFileException(file, "cannot be read: " + e, e);
    }
    return Optional.of(BaselineJson.read(file, bytes));
  }

  /**
   * Reads the state file; a file that cannot be loaded is moved aside and reported, never thrown.
   */
  public LoadedBaselines load() {
    try {
      return new LoadedBaselines(read(), Optional.empty());
    } catch (StateFileException e) {
      SetAsideFile setAside = setAside(e.reason());
      LOG.warn(setAside.describe());
      return new LoadedBaselines(Optional.empty(), Optional.of(setAside));
    }
  }

  private SetAsideFile setAside(String reason) {
    String stem = FILE_NAME + ".corrupt-" + SET_ASIDE_STAMP.format(clock.instant());
    for (int attempt = 1; ; attempt++) {
      Path target = directory.resolve(attempt == 1 ? stem : stem + "-" + attempt);
      try {
        Files.move(file, target);
        return new SetAsideFile(file, Optional.of(target), reason);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          return new SetAsideFile(file, Optional.empty(), reason + "; " + target + " exists");
        }
      } catch (IOException e) {
        return new SetAsideFile(file, Optional.empty(), reason + "; moving it failed: " + e);
      }
    }
  }

  /**
   * Replaces the state file with {@code stored}, atomically; creates the directory if needed.
   *
   * @throws IOException when it cannot be written; the previous file is then unchanged
   */
  public void save(StoredBaselines stored) throws IOException {
    byte[] bytes = BaselineJson.write(stored);
    Files.createDirectories(directory);
    Path temp = Files.createTempFile(directory, FILE_NAME + ".", ".tmp", readableByAll());
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    forceDirectory();
  }

  /** Makes the rename durable; a platform that cannot open a directory skips it. */
  private void forceDirectory() {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.debug("cannot force directory {} to disk: {}", directory, e.toString());
    }
  }

  /** rw-r--r-- where the file system has POSIX permissions: baselines are not secret. */
  private FileAttribute<?>[] readableByAll() {
    if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))
      };
    }
    return new FileAttribute<?>[0];
  }
}
