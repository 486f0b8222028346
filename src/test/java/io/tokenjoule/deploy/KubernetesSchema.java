package io.tokenjoule.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Checks rendered objects against the Kubernetes API types (and the Prometheus Operator's, for
 * ServiceMonitor and PrometheusRule) as fabric8's kubernetes-model generates them from the OpenAPI
 * schemas: each object is read into its type strictly, so a field the schema does not have (a
 * misspelt or misplaced key), a value of the wrong type (a list for a map, a string for a number)
 * or a kind this project does not ship fails, naming the object and the field. The models keep
 * unknown fields in an "additionalProperties" map; this reader takes that away.
 */
final class KubernetesSchema {

  private static final Map<String, Class<?>> TYPES =
      Map.of(
          "v1/ServiceAccount", ServiceAccount.class,
          "v1/ConfigMap", ConfigMap.class,
          "v1/Secret", Secret.class,
          "v1/Service", Service.class,
          "apps/v1/DaemonSet", DaemonSet.class,
          "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class,
          "monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class);

  private static final JsonMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .addModule(
              new SimpleModule()
                  .setDeserializerModifier(
                      new ValueDeserializerModifier() {
                        @Override
                        public BeanDeserializerBuilder updateBuilder(
                            DeserializationConfig config,
                            BeanDescription.Supplier description,
                            BeanDeserializerBuilder builder) {
                          builder.setAnySetter(null);
                          return builder;
                        }
                      }))
          .build();

  private KubernetesSchema() {}

  /** Fails with every object of {@code manifests} that does not read strictly into its type. */
  static void assertValid(Manifests manifests) {
    List<String> problems = new ArrayList<>();
    for (Map<String, Object> object : manifests.all()) {
      String type = object.get("apiVersion") + "/" + object.get("kind");
      String name = type + " " + Manifests.string(object, "metadata", "name");
      Class<?> model = TYPES.get(type);
      if (model == null) {
        problems.add(name + ": no schema known for " + type);
        continue;
      }
      try {
        STRICT.convertValue(object, model);
      } catch (JacksonException e) {
        problems.add(name + ": " + e.getOriginalMessage() + " at " + e.getPathReference());
      }
    }
    assertEquals(List.of(), problems, "objects that do not match their Kubernetes schema");
  }
}
