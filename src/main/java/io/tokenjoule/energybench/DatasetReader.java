package io.tokenjoule.energybench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a JSONL dataset of prompts: one JSON object a line, blank lines skipped. Each object has
 * either {@code "prompt": "text"} or {@code "messages": [{"role": "user", "content": "..."}]}, and
 * optionally {@code "max_tokens": N}; other fields are ignored.
 */
public final class DatasetReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DatasetReader() {}

  /** A dataset's prompts and the SHA-256 of its bytes, which identifies it for the gate. */
  public record Dataset(List<BenchPrompt> prompts, String sha256) {
    public Dataset {
      prompts = List.copyOf(prompts);
    }
  }

  /**
   * @throws IllegalArgumentException naming the file and line of the first malformed entry, or an
   *     empty dataset
   * @throws IOException when the file cannot be read
   */
  public static Dataset read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
    List<BenchPrompt> prompts = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        prompts.add(parseLine(file, i + 1, lines[i]));
      }
    }
    if (prompts.isEmpty()) {
      throw new IllegalArgumentException(file + ": no prompts (expected one JSON object a line)");
    }
    return new Dataset(prompts, sha256(bytes));
  }

  static BenchPrompt parseLine(Path file, int lineNumber, String line) {
    String where = file + " line " + lineNumber + ": ";
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + "not JSON (" + e.getOriginalMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + "expected a JSON object");
    }
    Integer maxTokens = null;
    JsonNode max = node.get("max_tokens");
    if (max != null && !max.isNull()) {
      if (!max.canConvertToInt() || !max.isIntegralNumber() || max.intValue() < 1) {
        throw new IllegalArgumentException(where + "max_tokens must be an integer >= 1");
      }
      maxTokens = max.intValue();
    }
    JsonNode prompt = node.get("prompt");
    JsonNode messages = node.get("messages");
    if ((prompt == null) == (messages == null)) {
      throw new IllegalArgumentException(
          where + "expected exactly one of \"prompt\" or \"messages\"");
    }
    if (prompt != null) {
      if (!prompt.isTextual()) {
        throw new IllegalArgumentException(where + "\"prompt\" must be a string");
      }
      return BenchPrompt.text(prompt.asText(), maxTokens);
    }
    if (!messages.isArray() || messages.isEmpty()) {
      throw new IllegalArgumentException(where + "\"messages\" must be a non-empty array");
    }
    for (JsonNode message : messages) {
      if (!message.path("role").isTextual() || !message.has("content")) {
        throw new IllegalArgumentException(
            where + "each message needs a \"role\" string and a \"content\"");
      }
    }
    return new BenchPrompt(null, (ArrayNode) messages, maxTokens);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
