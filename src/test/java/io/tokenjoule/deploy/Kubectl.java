package io.tokenjoule.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** {@code kubectl kustomize} (Kustomize built into kubectl), run as a process. */
final class Kubectl {

  private Kubectl() {}

  /** Skips the calling test, saying why, when no kubectl is on the PATH. */
  static void assumeInstalled() {
    boolean found =
        List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)).stream()
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl")));
    Assumptions.assumeTrue(found, "kubectl is not on the PATH: cannot render the Kustomize base");
  }

  /** The YAML stream {@code kubectl kustomize dir} prints; fails on a non-zero exit. */
  static String kustomize(Path dir) throws IOException, InterruptedException {
    Path stderr = Files.createTempFile("kustomize", ".err");
    try {
      Process process =
          new ProcessBuilder("kubectl", "kustomize", dir.toString())
              .redirectError(stderr.toFile())
              .start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl kustomize " + dir + " did not finish in 60 s");
      }
      assertEquals(
          0,
          process.exitValue(),
          () -> "kubectl kustomize " + dir + " failed:\n" + readQuietly(stderr));
      return out;
    } finally {
      Files.deleteIfExists(stderr);
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(stderr unreadable: " + e.getMessage() + ")";
    }
  }
}
