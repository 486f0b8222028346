package io.tokenjoule.rules;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Prometheus's own programs, found on the PATH. .ci/run installs Debian's {@code prometheus}
 * package, which has both; where they are missing, tests that need them are skipped with {@link
 * #MISSING}.
 */
public final class PrometheusBinaries {

  /** The reason a test gives when it skips for want of a binary. */
  public static final String MISSING =
      " is not installed here; .ci/run installs Debian's prometheus package, which has it";

  private PrometheusBinaries() {}

  public static Optional<Path> promtool() {
    return onPath("promtool");
  }

  public static Optional<Path> prometheus() {
    return onPath("prometheus");
  }

  private static Optional<Path> onPath(String program) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, program))
        .filter(p -> p.toFile().isFile() && p.toFile().canExecute())
        .findFirst();
  }
}
