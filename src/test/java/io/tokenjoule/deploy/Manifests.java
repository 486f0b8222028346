package io.tokenjoule.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Kubernetes objects rendered by {@code kubectl kustomize} or {@code helm template}: a YAML stream
 * parsed into maps, with typed lookups that fail the test (not throw a ClassCastException) when the
 * shape is wrong.
 */
final class Manifests {

  private final List<Map<String, Object>> objects;

  private Manifests(List<Map<String, Object>> objects) {
    this.objects = objects;
  }

  /** Every non-empty document of a YAML stream; each must be a mapping. */
  static Manifests parse(String yamlStream) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(yamlStream)) {
      if (doc != null) {
        objects.add(asMap(doc, "document"));
      }
    }
    return new Manifests(objects);
  }

  List<Map<String, Object>> all() {
    return objects;
  }

  List<Map<String, Object>> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
  }

  /** The one object of this kind; fails unless there is exactly one. */
  Map<String, Object> one(String kind) {
    List<Map<String, Object>> found = ofKind(kind);
    assertEquals(1, found.size(), "objects of kind " + kind);
    return found.get(0);
  }

  /** The object of this kind with this metadata.name; fails when absent. */
  Map<String, Object> named(String kind, String name) {
    return ofKind(kind).stream()
        .filter(o -> name.equals(string(o, "metadata", "name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }

  /** The value at a path of mapping keys; fails when a step is missing or not a mapping. */
  static Object at(Map<String, Object> root, String... path) {
    Object node = root;
    StringBuilder where = new StringBuilder();
    for (String key : path) {
      where.append('.').append(key);
      node = asMap(node, where.toString()).get(key);
      assertNotNull(node, "missing " + where);
    }
    return node;
  }

  static Map<String, Object> map(Map<String, Object> root, String... path) {
    return asMap(at(root, path), String.join(".", path));
  }

  static List<Object> list(Map<String, Object> root, String... path) {
    Object node = at(root, path);
    assertInstanceOf(List.class, node, String.join(".", path) + " is not a list");
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) node;
    return list;
  }

  static String string(Map<String, Object> root, String... path) {
    return String.valueOf(at(root, path));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object node, String what) {
    assertInstanceOf(Map.class, node, what + " is not a mapping");
    return (Map<String, Object>) node;
  }
}
