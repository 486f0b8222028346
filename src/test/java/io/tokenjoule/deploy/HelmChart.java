package io.tokenjoule.deploy;

import java.nio.file.Path;

/** Paths of the Helm chart under {@code deploy/helm/tokenjoule}, relative to the project. */
final class HelmChart {

  static final Path DIR = Path.of("deploy", "helm", "tokenjoule");
  static final Path VALUES = DIR.resolve("values.yaml");
  static final Path TEMPLATES = DIR.resolve("templates");

  /** Copy of the repository's {@link #SHIPPED_DASHBOARDS}: Helm reads only files in the chart. */
  static final Path DASHBOARDS = DIR.resolve("dashboards");

  /** Copy of {@code deploy/prometheus/rules}. */
  static final Path RULES = DIR.resolve("rules");

  static final Path SHIPPED_DASHBOARDS = Path.of("dashboards");

  private HelmChart() {}
}
