package io.tokenjoule.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tokenjoule version}: the same as {@code tokenjoule --version}. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Prints the version, the source revision and the Java runtime.")
final class VersionCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    for (String line : new VersionProvider().getVersion()) {
      out.println(line);
    }
    out.flush();
  }
}
