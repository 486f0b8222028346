package io.tokenjoule.grid;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A node of a provider's JSON answer with its path ({@code data[0].intensity.forecast}), so that a
 * missing field or a wrong type is reported precisely.
 */
record JsonAt(JsonNode node, String path) {

  static JsonAt root(JsonNode node) {
    return new JsonAt(node, "response");
  }

  /** The member {@code name} of this object (possibly missing or null). */
  JsonAt field(String name) throws BadResponse {
    requireObject();
    String child = path.equals("response") ? name : path + "." + name;
    return new JsonAt(node.path(name), child);
  }

  /** The first element of this non-empty array. */
  JsonAt first() throws BadResponse {
    if (!node.isArray()) {
      throw wrongType("an array");
    }
    if (node.isEmpty()) {
      throw new BadResponse(IntensityFetchError.BAD_RESPONSE, path + " is an empty array");
    }
    return new JsonAt(node.get(0), path + "[0]");
  }

  JsonAt requireObject() throws BadResponse {
    if (!node.isObject()) {
      throw wrongType("an object");
    }
    return this;
  }

  /** True when this member is missing or null. */
  boolean isAbsent() {
    return node.isMissingNode() || node.isNull();
  }

  boolean isObject() {
    return node.isObject();
  }

  /** This number, which must be a plausible grid intensity in gCO2e/kWh. */
  double gramsPerKwh() throws BadResponse {
    if (!node.isNumber()) {
      throw wrongType("a number");
    }
    double value = node.doubleValue();
    String problem = CarbonIntensity.implausibility(value);
    if (problem != null) {
      throw new BadResponse(
          IntensityFetchError.IMPLAUSIBLE_VALUE, path + " " + node.asText() + ": " + problem);
    }
    return value;
  }

  /** This ISO 8601 date-time with an offset, seconds optional ({@code 2018-01-20T12:00Z}). */
  Instant instant() throws BadResponse {
    if (!node.isTextual()) {
      throw wrongType("an ISO 8601 date-time string");
    }
    try {
      return OffsetDateTime.parse(node.textValue()).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadResponse(
          IntensityFetchError.BAD_RESPONSE,
          path + " '" + node.textValue() + "' is not an ISO 8601 date-time with an offset");
    }
  }

  /** This string, or {@code otherwise} when missing or null; another type is an error. */
  String textOr(String otherwise) throws BadResponse {
    if (node.isMissingNode() || node.isNull()) {
      return otherwise;
    }
    if (!node.isTextual()) {
      throw wrongType("a string");
    }
    return node.textValue();
  }

  private BadResponse wrongType(String expected) {
    return new BadResponse(
        IntensityFetchError.BAD_RESPONSE, path + " " + describe(node) + ", expected " + expected);
  }

  private static String describe(JsonNode node) {
    if (node.isMissingNode()) {
      return "is missing";
    }
    if (node.isNull()) {
      return "is null";
    }
    if (node.isTextual()) {
      return "is a string";
    }
    if (node.isNumber()) {
      return "is a number";
    }
    if (node.isBoolean()) {
      return "is a boolean";
    }
    if (node.isArray()) {
      return "is an array";
    }
    return "is an object";
  }
}
