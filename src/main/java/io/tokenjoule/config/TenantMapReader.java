package io.tokenjoule.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the proxy's tenant mapping file: a YAML mapping from tenant name to the SHA-256 hashes
 * (lower-case hex, as {@code sha256sum} prints them) of its API keys. Keys in clear are refused, so
 * the file never holds a secret. Every problem names the file, line and column.
 *
 * <pre>
 * team-search:
 *   - 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * </pre>
 */
final class TenantMapReader {

  static final String EXPECTED_FILE =
      "a mapping from tenant name to a list of API key SHA-256 hashes, such as team-a: [9f86d0...]";
  static final String EXPECTED_TENANT =
      "a tenant name of up to 64 letters, digits, . _ : @ / or -, starting with a letter or digit";
  static final String EXPECTED_HASH =
      "the SHA-256 of an API key in 64 lower-case hex digits (printf %s \"$KEY\" | sha256sum)";

  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,63}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private TenantMapReader() {}

  /**
   * @throws ConfigException when the file cannot be read or parsed; problems inside it are added to
   *     {@code problems}
   * @return the map, or empty when a problem was reported
   */
  static Optional<TenantMap> read(Path file, Problems problems) throws ConfigException {
    String source = file.toString();
    Optional<YamlNode> root =
        new YamlTreeReader().read(ConfigFileReader.read(file, "tenant map file"), source, problems);
    Located at =
        new Located(root.orElse(new YamlNode.Mapping(List.of(), new Mark(source, 1, 1))), "");
    if (!(at.node() instanceof YamlNode.Mapping mapping)) {
      problems.add(at.location(), "expected " + EXPECTED_FILE + ", got " + at.node().describe());
      return Optional.empty();
    }
    int before = problems.count();
    Map<String, String> tenantByHash = new HashMap<>();
    for (YamlNode.Entry entry : mapping.entries()) {
      Located tenant = new Located(entry.value(), entry.key());
      if (!TENANT.matcher(entry.key()).matches()) {
        problems.add(
            entry.keyMark().at(entry.key()),
            "expected " + EXPECTED_TENANT + ", got '" + entry.key() + "'");
        continue;
      }
      if (!(entry.value() instanceof YamlNode.Sequence hashes)) {
        problems.add(
            tenant.location(),
            "expected a list of " + EXPECTED_HASH + ", got " + entry.value().describe());
        continue;
      }
      for (int i = 0; i < hashes.items().size(); i++) {
        Located item = tenant.item(i, hashes.items().get(i));
        Optional<String> hash = item.parse(problems, EXPECTED_HASH, TenantMapReader::hash);
        if (hash.isPresent()) {
          String other = tenantByHash.putIfAbsent(hash.get(), entry.key());
          if (other != null) {
            problems.add(item.location(), "this key is already listed for tenant " + other);
          }
        }
      }
    }
    return problems.count() == before ? Optional.of(new TenantMap(tenantByHash)) : Optional.empty();
  }

  private static String hash(String text) {
    if (!SHA256.matcher(text).matches()) {
      throw new IllegalArgumentException("expected " + EXPECTED_HASH + ", got a value that is not");
    }
    return text;
  }
}
