package io.tokenjoule.state;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenjoule.account.baseline.BaselineSettings;
import io.tokenjoule.account.baseline.BaselineState;
import io.tokenjoule.account.baseline.LoadBucket;
import io.tokenjoule.account.baseline.SlotState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of {@link StoredBaselines}, version {@value #FORMAT_VERSION}. Reading is strict:
 * every field must be present with the right type, no duplicate keys, nothing after the document,
 * and values are validated as the records validate them, so a damaged file is refused whole.
 * Doubles are written in their shortest exact form, so a save and load give back the same values.
 *
 * <p>Stateless and thread-safe.
 */
final class BaselineJson {

  /** The format version written, and the only one read. */
  static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private BaselineJson() {}

  static byte[] write(StoredBaselines stored) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("saved_at_epoch_seconds", stored.savedAtEpochSeconds());
    BaselineSettings settings = stored.settings();
    ObjectNode settingsNode = root.putObject("settings");
    settingsNode.put("slot_seconds", settings.slotSeconds());
    settingsNode.put("horizon_seconds", settings.horizonSeconds());
    settingsNode.put("min_slots", settings.minSlots());
    settingsNode.put("max_uncertainty", settings.maxUncertainty());
    settingsNode.put("min_generated_tokens", settings.minGeneratedTokens());
    settingsNode.put("sample_period_seconds", settings.samplePeriodSeconds());
    ObjectNode servers = root.putObject("servers");
    for (Map.Entry<String, BaselineState> server : stored.servers().entrySet()) {
      ObjectNode serverNode = servers.putObject(server.getKey());
      double last = server.getValue().lastSampleEpochSeconds();
      if (Double.isNaN(last)) {
        serverNode.putNull("last_sample_epoch_seconds");
      } else {
        serverNode.put("last_sample_epoch_seconds", last);
      }
      ArrayNode slots = serverNode.putArray("slots");
      for (SlotState slot : server.getValue().slots()) {
        ObjectNode slotNode = slots.addObject();
        slotNode.put("bucket", slot.bucket().label());
        slotNode.put("energy_joules", slot.energyJoules());
        slotNode.put("generated_tokens", slot.generatedTokens());
        slotNode.put("concurrency_seconds", slot.concurrencySeconds());
        slotNode.put("covered_seconds", slot.coveredSeconds());
        slotNode.put("samples", slot.samples());
        slotNode.put("first_sample_epoch_seconds", slot.firstSampleEpochSeconds());
        slotNode.put("last_sample_epoch_seconds", slot.lastSampleEpochSeconds());
      }
    }
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to serialise", e);
    }
  }

  /**
   * @param file the file the bytes came from, for messages
   * @throws StateFileException saying what is wrong and where in the document
   */
  static StoredBaselines read(Path file, byte[] bytes) throws StateFileException {
    if (bytes.length == 0) {
      throw new StateFileException(file, "the file is empty", null);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new StateFileException(file, "not valid JSON: " + e.getOriginalMessage() + where, e);
    } catch (IOException e) {
      throw new StateFileException(file, "not valid JSON: " + e.getMessage(), e);
    }
    try {
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("the document is not a JSON object");
      }
      JsonNode version = root.get("format_version");
      if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
        throw new IllegalArgumentException("format_version is missing or not an integer");
      }
      if (version.asInt() != FORMAT_VERSION) {
        throw new IllegalArgumentException(
            "unknown format version "
                + version.asText()
                + " (this tokenjoule reads version "
                + FORMAT_VERSION
                + ")");
      }
      double savedAt = number(root, "saved_at_epoch_seconds", "");
      JsonNode settingsNode = object(root, "settings", "");
      BaselineSettings settings =
          new BaselineSettings(
              number(settingsNode, "slot_seconds", "settings."),
              number(settingsNode, "horizon_seconds", "settings."),
              integer(settingsNode, "min_slots", "settings."),
              number(settingsNode, "max_uncertainty", "settings."),
              number(settingsNode, "min_generated_tokens", "settings."),
              number(settingsNode, "sample_period_seconds", "settings."));
      Map<String, BaselineState> servers = new LinkedHashMap<>();
      JsonNode serversNode = object(root, "servers", "");
      Iterator<Map.Entry<String, JsonNode>> fields = serversNode.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        servers.put(field.getKey(), server(field.getValue(), "servers." + field.getKey() + "."));
      }
      return new StoredBaselines(savedAt, settings, servers);
    } catch (IllegalArgumentException e) {
      throw new StateFileException(file, e.getMessage(), e);
    }
  }

  private static BaselineState server(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(
          where.substring(0, where.length() - 1) + " is not an object");
    }
    JsonNode lastNode = node.get("last_sample_epoch_seconds");
    double last =
        lastNode != null && lastNode.isNull()
            ? Double.NaN
            : number(node, "last_sample_epoch_seconds", where);
    JsonNode slotsNode = node.get("slots");
    if (slotsNode == null || !slotsNode.isArray()) {
      throw new IllegalArgumentException(where + "slots is missing or not an array");
    }
    List<SlotState> slots = new ArrayList<>(slotsNode.size());
    for (int i = 0; i < slotsNode.size(); i++) {
      JsonNode slot = slotsNode.get(i);
      String at = where + "slots[" + i + "].";
      if (!slot.isObject()) {
        throw new IllegalArgumentException(at.substring(0, at.length() - 1) + " is not an object");
      }
      try {
        slots.add(
            new SlotState(
                LoadBucket.parse(text(slot, "bucket", at)),
                number(slot, "energy_joules", at),
                number(slot, "generated_tokens", at),
                number(slot, "concurrency_seconds", at),
                number(slot, "covered_seconds", at),
                integer(slot, "samples", at),
                number(slot, "first_sample_epoch_seconds", at),
                number(slot, "last_sample_epoch_seconds", at)));
      } catch (IllegalArgumentException e) {
        throw e.getMessage().startsWith(at)
            ? e
            : new IllegalArgumentException(
                at.substring(0, at.length() - 1) + ": " + e.getMessage());
      }
    }
    return new BaselineState(last, slots);
  }

  private static JsonNode object(JsonNode parent, String field, String where) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + field + " is missing or not an object");
    }
    return node;
  }

  private static double number(JsonNode parent, String field, String where) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isNumber()) {
      throw new IllegalArgumentException(where + field + " is missing or not a number");
    }
    return node.doubleValue();
  }

  private static int integer(JsonNode parent, String field, String where) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new IllegalArgumentException(where + field + " is missing or not an integer");
    }
    return node.intValue();
  }

  private static String text(JsonNode parent, String field, String where) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException(where + field + " is missing or not a string");
    }
    return node.textValue();
  }
}
