package io.tokenjoule.cli;

import io.tokenjoule.export.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code --version} for every command. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    BuildInfo build = BuildInfo.load();
    return new String[] {
      "tokenjoule " + build.version() + " (" + build.revision() + ")",
      "Java "
          + build.javaVersion()
          + ", "
          + System.getProperty("os.name")
          + " "
          + System.getProperty("os.arch")
    };
  }
}
