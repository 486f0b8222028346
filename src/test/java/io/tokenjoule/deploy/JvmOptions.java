package io.tokenjoule.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** The agent's JVM flags as agent/jvm.options lists them, one per line, comments left out. */
public final class JvmOptions {

  static final Path FILE = Path.of("agent/jvm.options");

  private JvmOptions() {}

  /** The flags joined by single spaces, as an environment variable carries them. */
  public static String flags() {
    try {
      return Files.readAllLines(FILE).stream()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .collect(Collectors.joining(" "));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
