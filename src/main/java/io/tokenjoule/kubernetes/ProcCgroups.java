package io.tokenjoule.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a process's pod and container from {@code <proc>/<pid>/cgroup}. The file is readable by
 * every user; a process that exited meanwhile, or a file that cannot be read, gives nothing.
 * Thread-safe.
 */
public final class ProcCgroups {

  /** A cgroup file is a few lines; more than this is not read. */
  static final int MAX_BYTES = 64 << 10;

  private final Path proc;

  /**
   * @param proc the proc filesystem, {@code /proc} (the host's, with hostPID)
   */
  public ProcCgroups(Path proc) {
    this.proc = proc;
  }

  /** The pod and container of {@code pid}; empty when it is in none or cannot be read. */
  public Optional<ContainerCgroup> of(int pid) {
    Path file = proc.resolve(Integer.toString(pid)).resolve("cgroup");
    try (var in = Files.newInputStream(file)) {
      return KubepodsCgroup.parse(new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
