package io.tokenjoule.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a {@link YamlNode} tree that keeps every key's and value's line and column,
 * using Jackson's streaming YAML parser. Aliases are resolved to their anchored node. Thread-safe.
 */
final class YamlTreeReader {

  private final YAMLFactory factory = YAMLFactory.builder().build();

  /**
   * Reads one YAML document.
   *
   * @return the root node, or empty for a document with no content (nothing, or only comments)
   * @throws ConfigException for a syntax error, with its line and column
   */
  Optional<YamlNode> read(String yaml, String source, Problems problems) throws ConfigException {
    try (JsonParser parser = factory.createParser(yaml)) {
      TreeBuilder builder = new TreeBuilder(parser, source, problems);
      JsonToken first = parser.nextToken();
      if (first == null) {
        return Optional.empty();
      }
      YamlNode root = builder.node(first);
      if (parser.nextToken() != null) {
        problems.add(
            builder.mark().at(""),
            "found a second YAML document; the configuration must be a single document");
      }
      return Optional.of(root);
    } catch (StreamReadException e) {
      throw new ConfigException(List.of(syntaxProblem(e, source)));
    } catch (IOException e) {
      throw new UncheckedIOException("reading YAML from a string", e);
    }
  }

  private static ConfigProblem syntaxProblem(StreamReadException e, String source) {
    if (e.getCause() instanceof MarkedYAMLException cause && cause.getProblemMark() != null) {
      var problem = cause.getProblemMark();
      var context = cause.getContextMark();
      String message = "invalid YAML: " + cause.getProblem();
      if (cause.getContext() != null) {
        boolean elsewhere =
            context != null
                && (context.getLine() != problem.getLine()
                    || context.getColumn() != problem.getColumn());
        message +=
            elsewhere
                ? " ("
                    + cause.getContext()
                    + " at "
                    + (context.getLine() + 1)
                    + ":"
                    + (context.getColumn() + 1)
                    + ")"
                : " (" + cause.getContext() + ")";
      }
      return new ConfigProblem(
          new ConfigLocation(source, problem.getLine() + 1, problem.getColumn() + 1, ""), message);
    }
    JsonLocation at = e.getLocation();
    ConfigLocation where =
        at == null || at.getLineNr() < 1
            ? ConfigLocation.of(source, "")
            : new ConfigLocation(source, at.getLineNr(), Math.max(at.getColumnNr(), 0), "");
    return new ConfigProblem(where, "invalid YAML: " + e.getOriginalMessage());
  }

  /** Builds the tree of one parse; remembers anchors for the aliases that follow them. */
  private static final class TreeBuilder {
    private final JsonParser parser;
    private final String source;
    private final Problems problems;
    private final Map<String, YamlNode> anchors = new HashMap<>();

    TreeBuilder(JsonParser parser, String source, Problems problems) {
      this.parser = parser;
      this.source = source;
      this.problems = problems;
    }

    Mark mark() {
      JsonLocation at = parser.currentTokenLocation();
      return new Mark(source, at.getLineNr(), at.getColumnNr());
    }

    /** The node that starts at the current token, {@code token}; consumes it whole. */
    YamlNode node(JsonToken token) throws IOException {
      Mark mark = mark();
      Object anchor = parser.getObjectId();
      YamlNode node;
      if (token == JsonToken.START_OBJECT) {
        node = mapping(mark);
      } else if (token == JsonToken.START_ARRAY) {
        node = sequence(mark);
      } else if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
        return alias(parser.getText(), mark);
      } else {
        String text = parser.getText();
        node = new YamlNode.Scalar(text == null ? "" : text, token == JsonToken.VALUE_NULL, mark);
      }
      if (anchor != null) {
        anchors.put(anchor.toString(), node);
      }
      return node;
    }

    private YamlNode mapping(Mark mark) throws IOException {
      List<YamlNode.Entry> entries = new ArrayList<>();
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
        String key = parser.currentName() == null ? "" : parser.currentName();
        Mark keyMark = mark();
        entries.add(new YamlNode.Entry(key, keyMark, node(parser.nextToken())));
      }
      return new YamlNode.Mapping(entries, mark);
    }

    private YamlNode sequence(Mark mark) throws IOException {
      List<YamlNode> items = new ArrayList<>();
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
        items.add(node(t));
      }
      return new YamlNode.Sequence(items, mark);
    }

    private YamlNode alias(String name, Mark mark) {
      YamlNode target = anchors.get(name);
      if (target == null) {
        problems.add(
            mark.at(""),
            "unknown alias '*"
                + name
                + "'; an alias must refer to an anchor (&"
                + name
                + ") defined before it");
        return new YamlNode.Scalar("", true, mark);
      }
      return target;
    }
  }
}
