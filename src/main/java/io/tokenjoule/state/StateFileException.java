package io.tokenjoule.state;

import java.nio.file.Path;

/**
 * A state file that cannot be used: unreadable, not JSON, not in the expected shape, or of an
 * unknown format version. The message names the file and says what is wrong.
 */
public final class StateFileException extends Exception {

  private final transient Path file;
  private final String reason;

  public StateFileException(Path file, String reason, Throwable cause) {
    super(file + ": " + reason, cause);
    this.file = file;
    this.reason = reason;
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** What is wrong with it, without the file name. */
  public String reason() {
    return reason;
  }
}
