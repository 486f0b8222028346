package io.tokenjoule.state;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A state file that could not be loaded and was moved out of the way, so the agent starts afresh
 * without overwriting what may still be worth a look.
 *
 * @param file where the file was
 * @param movedTo where it is now; empty when it could not be moved (it is then overwritten at the
 *     next save)
 * @param reason why it could not be loaded, and why it could not be moved if so
 */
public record SetAsideFile(Path file, Optional<Path> movedTo, String reason) {

  public SetAsideFile {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(movedTo, "movedTo");
    Objects.requireNonNull(reason, "reason");
  }

  /** One line for a log or a terminal. */
  public String describe() {
    return "baseline state "
        + file
        + " could not be loaded ("
        + reason
        + ")"
        + movedTo.map(to -> "; moved to " + to).orElse("; it could not be moved aside")
        + "; baselines start afresh";
  }
}
