package io.tokenjoule.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * {@link HelmChartContract} with helm-java: the helm Go library itself, bundled in a jar from Maven
 * Central and called through JNI, so the chart is rendered by real helm without Docker or a helm
 * binary on the machine.
 */
class HelmJavaChartTest extends HelmChartContract {

  @Override
  String lintProblems() {
    LintResult result = new Helm(HelmChart.DIR).lint().strict().call();
    return result.isFailed() ? String.join("\n", result.getMessages()) : null;
  }

  @Override
  Manifests template(String... sets) {
    TemplateCommand template = new Helm(HelmChart.DIR).template().withName("tj");
    for (String set : sets) {
      int equals = set.indexOf('=');
      template.set(set.substring(0, equals), set.substring(equals + 1));
    }
    return Manifests.parse(template.call());
  }
}
