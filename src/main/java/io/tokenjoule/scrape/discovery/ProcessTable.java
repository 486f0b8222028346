package io.tokenjoule.scrape.discovery;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The host's processes as discovery needs them: who a pid is, its parent, and its children.
 * Implementations read a snapshot per call; a process may vanish between two calls, which reads as
 * empty, not as an error. Thread-safe.
 */
public interface ProcessTable {

  /** The process {@code pid}, or empty when it does not exist (or is not visible here). */
  Optional<ProcessInfo> process(int pid);

  /** The direct children of {@code pid}; empty when it has none or does not exist. */
  List<ProcessInfo> children(int pid);

  /**
   * One process.
   *
   * @param pid its id
   * @param parentPid its parent's id; 0 when it has none (pid 1, kernel threads)
   * @param name the executable's short name, for example {@code python3}
   * @param commandLine the whole command line, arguments separated by spaces; may be empty when the
   *     process cannot be read
   * @param user the owning user's name, or its numeric id when the name is unknown
   */
  record ProcessInfo(int pid, int parentPid, String name, String commandLine, String user) {
    public ProcessInfo {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(commandLine, "commandLine");
      Objects.requireNonNull(user, "user");
    }

    /** The command line, or the name when the command line is unknown. */
    public String describe() {
      return commandLine.isBlank() ? name : commandLine;
    }
  }
}
