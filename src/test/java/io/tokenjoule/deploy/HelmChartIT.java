package io.tokenjoule.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * {@link HelmChartContract} with the helm of the {@code alpine/helm} image. Skipped without Docker;
 * {@link HelmJavaChartTest} runs the same checks without it.
 */
@Testcontainers(disabledWithoutDocker = true)
class HelmChartIT extends HelmChartContract {

  private static final DockerImageName HELM = DockerImageName.parse("alpine/helm:3.16.2");
  private static final String EXIT_MARKER = "helm-exit=";

  /** What one helm command printed, and its exit status. */
  private record HelmRun(String stdout, String stderr, int exit) {}

  @Override
  String lintProblems() {
    HelmRun run = helm("lint", "/chart");
    return run.exit() == 0 ? null : run.stdout() + run.stderr();
  }

  @Override
  Manifests template(String... sets) {
    List<String> args = new ArrayList<>(List.of("template", "tj", "/chart"));
    for (String set : sets) {
      args.add("--set");
      args.add(set);
    }
    HelmRun run = helm(args.toArray(String[]::new));
    assertEquals(0, run.exit(), run.stderr());
    return Manifests.parse(run.stdout());
  }

  /** Runs helm in a one-shot container with the chart at /chart; never fails on helm's exit. */
  private static HelmRun helm(String... args) {
    List<String> command =
        new ArrayList<>(List.of("-c", "helm \"$@\"; echo " + EXIT_MARKER + "$? >&2", "sh"));
    command.addAll(List.of(args));
    try (GenericContainer<?> container =
        new GenericContainer<>(HELM)
            .withCopyFileToContainer(MountableFile.forHostPath(HelmChart.DIR), "/chart")
            .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh"))
            .withCommand(command.toArray(String[]::new))
            .withStartupCheckStrategy(
                new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)))) {
      container.start();
      String stdout = container.getLogs(OutputType.STDOUT);
      String stderr = container.getLogs(OutputType.STDERR);
      int marker = stderr.lastIndexOf(EXIT_MARKER);
      assertTrue(marker >= 0, "helm did not run: " + stderr);
      int exit = Integer.parseInt(stderr.substring(marker + EXIT_MARKER.length()).trim());
      return new HelmRun(stdout, stderr, exit);
    }
  }
}
