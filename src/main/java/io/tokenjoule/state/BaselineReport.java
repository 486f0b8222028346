package io.tokenjoule.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenjoule.Seconds;
import io.tokenjoule.account.baseline.BaselineSettings;
import io.tokenjoule.account.baseline.BaselineState;
import io.tokenjoule.account.baseline.BucketBaseline;
import io.tokenjoule.account.baseline.ServerBaseline;
import io.tokenjoule.config.DurationSyntax;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the state directory's baselines say, for {@code tokenjoule baseline show}: per server and
 * load bucket, the baseline J per generated token, its reference concurrency, its slots and their
 * time span, as a table or as JSON. Stateless.
 */
public final class BaselineReport {

  private BaselineReport() {}

  /** The baselines for people: settings, then per server a table of its load buckets. */
  public static void printHuman(PrintWriter out, Path file, StoredBaselines stored, double now) {
    BaselineSettings settings = stored.settings();
    out.println("baselines in " + file + ", saved " + instant(stored.savedAtEpochSeconds()));
    out.println(
        "learned over "
            + duration(settings.horizonSeconds())
            + " in "
            + duration(settings.slotSeconds())
            + " slots; a load bucket needs "
            + settings.minSlots()
            + " slot(s)");
    if (stored.servers().isEmpty()) {
      out.println("no servers");
    }
    for (Map.Entry<String, BaselineState> entry : stored.servers().entrySet()) {
      List<BucketBaseline> buckets =
          ServerBaseline.restore(settings, entry.getValue()).buckets(now);
      out.println();
      out.println("server " + entry.getKey());
      if (buckets.isEmpty()) {
        out.println("  nothing learned within the horizon");
        continue;
      }
      out.printf(
          Locale.ROOT,
          "  %-10s %-12s %-16s %5s  %-20s  %s%n",
          "load",
          "J/token",
          "ref_concurrency",
          "slots",
          "oldest",
          "newest");
      for (BucketBaseline bucket : buckets) {
        out.printf(
            Locale.ROOT,
            "  %-10s %-12s %-16s %5d  %-20s  %s%n",
            bucket.bucket().label(),
            bucket.learned()
                ? String.format(Locale.ROOT, "%.4g", bucket.joulesPerGeneratedToken())
                : "learning",
            bucket.learned()
                ? String.format(Locale.ROOT, "%.2f", bucket.referenceConcurrency())
                : "-",
            bucket.slots(),
            instant(bucket.oldestSampleEpochSeconds()),
            instant(bucket.newestSampleEpochSeconds()));
      }
    }
  }

  /**
   * The baselines as one JSON object: {@code file}, {@code saved_at}, {@code settings} and per
   * server its buckets; {@code saved_at} is null and {@code servers} empty when nothing is saved.
   */
  public static String toJson(Path file, Optional<StoredBaselines> stored, double now)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("file", file.toString());
    ArrayNode servers = mapper.createArrayNode();
    if (stored.isPresent()) {
      BaselineSettings settings = stored.get().settings();
      root.put("saved_at", instant(stored.get().savedAtEpochSeconds()));
      ObjectNode settingsNode = root.putObject("settings");
      settingsNode.put("slot_seconds", settings.slotSeconds());
      settingsNode.put("horizon_seconds", settings.horizonSeconds());
      settingsNode.put("min_slots", settings.minSlots());
      for (Map.Entry<String, BaselineState> entry : stored.get().servers().entrySet()) {
        ObjectNode serverNode = servers.addObject();
        serverNode.put("server", entry.getKey());
        ArrayNode buckets = serverNode.putArray("buckets");
        for (BucketBaseline bucket :
            ServerBaseline.restore(settings, entry.getValue()).buckets(now)) {
          ObjectNode node = buckets.addObject();
          node.put("bucket", bucket.bucket().label());
          node.put("learned", bucket.learned());
          putNumberOrNull(
              node, "baseline_joules_per_generated_token", bucket.joulesPerGeneratedToken());
          putNumberOrNull(node, "reference_concurrency", bucket.referenceConcurrency());
          node.put("slots", bucket.slots());
          node.put("oldest", instant(bucket.oldestSampleEpochSeconds()));
          node.put("newest", instant(bucket.newestSampleEpochSeconds()));
        }
      }
    } else {
      root.putNull("saved_at");
    }
    root.set("servers", servers);
    return mapper.writeValueAsString(root);
  }

  private static void putNumberOrNull(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  /** ISO-8601 UTC, to the second. */
  public static String instant(double epochSeconds) {
    return Instant.ofEpochMilli(Math.round(epochSeconds * 1000))
        .truncatedTo(ChronoUnit.SECONDS)
        .toString();
  }

  private static String duration(double seconds) {
    return DurationSyntax.format(Seconds.toDuration(seconds));
  }
}
