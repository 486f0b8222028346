package io.tokenjoule.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The repository's Dockerfile read as instructions: continuation lines joined, comments dropped.
 * Enough for structural checks, not a Dockerfile parser.
 */
record Dockerfile(List<String> instructions) {

  static final Path PATH = Path.of("Dockerfile");

  static Dockerfile read() throws IOException {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(PATH)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
      } else {
        instructions.add(current.append(trimmed).toString());
        current.setLength(0);
      }
    }
    return new Dockerfile(List.copyOf(instructions));
  }

  /** The arguments of every instruction with this keyword, in order. */
  List<String> all(String keyword) {
    String prefix = keyword + " ";
    return instructions.stream()
        .filter(i -> i.regionMatches(true, 0, prefix, 0, prefix.length()))
        .map(i -> i.substring(prefix.length()).strip())
        .collect(Collectors.toList());
  }

  /** The instructions of the last stage, the image that ships. */
  Dockerfile finalStage() {
    int last = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).startsWith("FROM ")) {
        last = i;
      }
    }
    return new Dockerfile(instructions.subList(last, instructions.size()));
  }

  /** The modules jlink adds: the default of {@code ARG JAVA_MODULES}. */
  Set<String> jlinkModules() {
    for (String arg : all("ARG")) {
      if (arg.startsWith("JAVA_MODULES=")) {
        return new TreeSet<>(Arrays.asList(arg.substring("JAVA_MODULES=".length()).split(",")));
      }
    }
    throw new IllegalStateException("no ARG JAVA_MODULES in " + PATH);
  }
}
