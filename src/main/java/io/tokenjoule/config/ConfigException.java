package io.tokenjoule.config;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used, with every problem found in it rather than only the first,
 * so an operator can fix them all in one edit.
 */
public final class ConfigException extends Exception {

  /** File problems first, by line and column; then problems without a line, in the found order. */
  private static final Comparator<ConfigProblem> READING_ORDER =
      Comparator.comparing((ConfigProblem p) -> p.where().line() == 0)
          .thenComparingInt(p -> p.where().line())
          .thenComparingInt(p -> p.where().column());

  private final List<ConfigProblem> problems;

  /**
   * @param problems at least one; they are kept in reading order
   */
  public ConfigException(List<ConfigProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems =
        problems.stream().sorted(READING_ORDER).collect(Collectors.toUnmodifiableList());
  }

  /** Every problem, in reading order; never empty. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  /** The problems, one per line, each as {@link ConfigProblem#toString()} renders it. */
  @Override
  public String getMessage() {
    return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
  }
}
