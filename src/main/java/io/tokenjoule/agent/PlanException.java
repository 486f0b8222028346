package io.tokenjoule.agent;

import java.util.List;

/** The configuration does not fit this host (a server on a GPU that is not here, say). */
public final class PlanException extends Exception {

  private final List<String> problems;

  public PlanException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
