package io.tokenjoule.deploy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The schema check fails on what a schema-validating apply would refuse, and names it. */
class KubernetesSchemaTest {

  private static final String SERVICE =
      "apiVersion: v1\nkind: Service\nmetadata: {name: tj}\nspec:\n  clusterIP: None\n";

  @Test
  void aValidObjectPasses() {
    KubernetesSchema.assertValid(Manifests.parse(SERVICE + "  ports: [{name: m, port: 9847}]\n"));
  }

  @Test
  void aMisspeltFieldFailsNamingTheObjectAndTheField() {
    String message =
        assertThrows(
                AssertionError.class,
                () ->
                    KubernetesSchema.assertValid(
                        Manifests.parse(SERVICE + "  ports: [{name: m, prot: 9847}]\n")))
            .getMessage();
    assertTrue(message.contains("v1/Service tj") && message.contains("\"prot\""), message);
  }

  @Test
  void aValueOfTheWrongTypeFails() {
    String message =
        assertThrows(
                AssertionError.class,
                () ->
                    KubernetesSchema.assertValid(
                        Manifests.parse(SERVICE + "  ports: {name: m, port: 9847}\n")))
            .getMessage();
    assertTrue(message.contains("v1/Service tj"), message);
  }

  @Test
  void aServiceMonitorFieldOutOfPlaceFails() {
    String message =
        assertThrows(
                AssertionError.class,
                () ->
                    KubernetesSchema.assertValid(
                        Manifests.parse(
                            "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\n"
                                + "metadata: {name: tj}\nspec:\n  selector: {}\n"
                                + "  endpoints: [{port: metrics, tlsConfig: {server: x}}]\n")))
            .getMessage();
    assertTrue(message.contains("\"server\""), message);
  }
}
