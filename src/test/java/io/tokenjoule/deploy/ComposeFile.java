package io.tokenjoule.deploy;

import static io.tokenjoule.deploy.Manifests.asMap;
import static io.tokenjoule.deploy.Manifests.list;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** {@code deploy/compose/docker-compose.yml}, parsed: its services and their bind mounts. */
final class ComposeFile {

  static final Path DIR = Path.of("deploy", "compose");
  static final Path FILE = DIR.resolve("docker-compose.yml");

  /** A host path mounted into a service's container. */
  record BindMount(String service, Path hostPath, String containerPath) {}

  private final Map<String, Object> root;

  private ComposeFile(Map<String, Object> root) {
    this.root = root;
  }

  static ComposeFile load() {
    try {
      return new ComposeFile(asMap(new Yaml().load(Files.readString(FILE)), FILE.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, Object> service(String name) {
    return Manifests.map(root, "services", name);
  }

  /**
   * Every bind mount of every service, short ({@code ./a:/b:ro}) or long syntax, host paths
   * resolved against the compose file's directory as Compose does. Named volumes are not listed.
   */
  List<BindMount> bindMounts() {
    List<BindMount> mounts = new ArrayList<>();
    for (var service : Manifests.map(root, "services").entrySet()) {
      Map<String, Object> spec = asMap(service.getValue(), service.getKey());
      if (!spec.containsKey("volumes")) {
        continue;
      }
      for (Object volume : list(spec, "volumes")) {
        String source;
        String target;
        if (volume instanceof String shortSyntax) {
          String[] parts = shortSyntax.split(":");
          source = parts[0];
          target = parts.length > 1 ? parts[1] : parts[0];
        } else {
          Map<String, Object> longSyntax = asMap(volume, "volume");
          if (!"bind".equals(longSyntax.get("type"))) {
            continue;
          }
          source = String.valueOf(longSyntax.get("source"));
          target = String.valueOf(longSyntax.get("target"));
        }
        if (source.startsWith(".") || source.startsWith("/")) {
          mounts.add(new BindMount(service.getKey(), DIR.resolve(source).normalize(), target));
        }
      }
    }
    return mounts;
  }
}
