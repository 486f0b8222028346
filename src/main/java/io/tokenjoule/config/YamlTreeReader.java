package io.tokenjoule.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML text into a {@link YamlNode} tree that keeps every key's and value's line and column.
 *
 * <p>It reads SnakeYAML's parse events rather than jackson-dataformat-yaml's tokens, because
 * Jackson does not report anchors on scalars, so {@code url: &u ...} followed by {@code *u} could
 * not be resolved, and its syntax-error positions were off. Aliases are resolved to the anchored
 * node; the YAML 1.1 merge key {@code <<} is supported. Thread-safe: each call has its own parser.
 */
final class YamlTreeReader {

  /** The configuration nests 4 levels deep; this only stops runaway input. */
  static final int MAX_DEPTH = 32;

  private static final String MERGE_KEY = "<<";

  /**
   * Reads one YAML document.
   *
   * @return the root node, or empty for a document with no content (nothing, or only comments)
   * @throws ConfigException for a syntax error, with its line and column
   */
  Optional<YamlNode> read(String yaml, String source, Problems problems) throws ConfigException {
    Parser parser = new ParserImpl(new StreamReader(new StringReader(yaml)), new LoaderOptions());
    TreeBuilder builder = new TreeBuilder(parser, source, problems);
    try {
      parser.getEvent(); // stream start
      if (parser.checkEvent(Event.ID.StreamEnd)) {
        return Optional.empty();
      }
      parser.getEvent(); // document start
      YamlNode root = builder.node(parser.getEvent(), 0);
      parser.getEvent(); // document end
      if (parser.checkEvent(Event.ID.DocumentStart)) {
        problems.add(
            builder.mark(parser.peekEvent()).at(""),
            "found a second YAML document; the configuration must be a single document");
      }
      return Optional.of(root);
    } catch (MarkedYAMLException e) {
      throw new ConfigException(List.of(syntaxProblem(e, source)));
    } catch (YAMLException e) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(ConfigLocation.of(source, ""), "invalid YAML: " + e.getMessage())));
    }
  }

  private static ConfigProblem syntaxProblem(MarkedYAMLException e, String source) {
    var problem = e.getProblemMark();
    var context = e.getContextMark();
    String message = "invalid YAML: " + e.getProblem();
    if (e.getContext() != null) {
      boolean elsewhere =
          context != null
              && (context.getLine() != problem.getLine()
                  || context.getColumn() != problem.getColumn());
      message +=
          elsewhere
              ? " ("
                  + e.getContext()
                  + " at "
                  + (context.getLine() + 1)
                  + ":"
                  + (context.getColumn() + 1)
                  + ")"
              : " (" + e.getContext() + ")";
    }
    ConfigLocation where =
        problem == null
            ? ConfigLocation.of(source, "")
            : new ConfigLocation(source, problem.getLine() + 1, problem.getColumn() + 1, "");
    return new ConfigProblem(where, message);
  }

  /** Builds the tree of one parse; remembers anchors for the aliases that follow them. */
  private static final class TreeBuilder {
    private final Parser parser;
    private final String source;
    private final Problems problems;
    private final Resolver resolver = new Resolver();
    private final Map<String, YamlNode> anchors = new HashMap<>();

    TreeBuilder(Parser parser, String source, Problems problems) {
      this.parser = parser;
      this.source = source;
      this.problems = problems;
    }

    Mark mark(Event event) {
      return new Mark(
          source, event.getStartMark().getLine() + 1, event.getStartMark().getColumn() + 1);
    }

    /** The node that {@code event} starts; consumes the node's remaining events. */
    YamlNode node(Event event, int depth) throws ConfigException {
      Mark mark = mark(event);
      if (depth > MAX_DEPTH) {
        throw new ConfigException(
            List.of(
                new ConfigProblem(
                    mark.at(""),
                    "nested more than " + MAX_DEPTH + " levels deep; the configuration needs 4")));
      }
      YamlNode node;
      if (event instanceof AliasEvent alias) {
        return alias(alias.getAnchor(), mark);
      } else if (event instanceof ScalarEvent scalar) {
        node = new YamlNode.Scalar(scalar.getValue(), isNull(scalar), mark);
      } else if (event instanceof MappingStartEvent) {
        node = mapping(mark, depth);
      } else if (event instanceof SequenceStartEvent) {
        node = sequence(mark, depth);
      } else {
        throw new IllegalStateException("unexpected YAML event " + event);
      }
      String anchor = ((NodeEvent) event).getAnchor();
      if (anchor != null) {
        anchors.put(anchor, node);
      }
      return node;
    }

    private boolean isNull(ScalarEvent scalar) {
      if (scalar.getTag() != null && !scalar.getTag().equals("!")) {
        return scalar.getTag().equals(Tag.NULL.getValue());
      }
      Tag resolved =
          resolver.resolve(
              NodeId.scalar, scalar.getValue(), scalar.getImplicit().canOmitTagInPlainScalar());
      return resolved.equals(Tag.NULL);
    }

    private YamlNode mapping(Mark mark, int depth) throws ConfigException {
      List<YamlNode.Entry> entries = new ArrayList<>();
      List<YamlNode> merged = new ArrayList<>();
      while (!parser.checkEvent(Event.ID.MappingEnd)) {
        Event keyEvent = parser.getEvent();
        Mark keyMark = mark(keyEvent);
        YamlNode key = node(keyEvent, depth + 1);
        YamlNode value = node(parser.getEvent(), depth + 1);
        if (!(key instanceof YamlNode.Scalar scalarKey) || scalarKey.isNull()) {
          problems.add(
              keyMark.at(""), "expected a key such as tick, got " + key.describe() + " as a key");
        } else if (scalarKey.text().equals(MERGE_KEY)
            && keyEvent instanceof ScalarEvent s
            && s.isPlain()) {
          merged.add(value);
        } else {
          entries.add(new YamlNode.Entry(scalarKey.text(), keyMark, value));
        }
      }
      parser.getEvent(); // mapping end
      merge(entries, merged);
      return new YamlNode.Mapping(entries, mark);
    }

    /** YAML 1.1 merge keys: keys written in the mapping win, then earlier merged mappings. */
    private void merge(List<YamlNode.Entry> entries, List<YamlNode> merged) {
      Set<String> present = new HashSet<>();
      entries.forEach(e -> present.add(e.key()));
      for (YamlNode source : merged) {
        List<YamlNode> mappings =
            source instanceof YamlNode.Sequence list ? list.items() : List.of(source);
        for (YamlNode mapping : mappings) {
          if (!(mapping instanceof YamlNode.Mapping m)) {
            problems.add(
                mapping.mark().at(""),
                "expected a mapping or a list of mappings to merge with <<, got "
                    + mapping.describe());
            continue;
          }
          for (YamlNode.Entry entry : m.entries()) {
            if (present.add(entry.key())) {
              entries.add(entry);
            }
          }
        }
      }
    }

    private YamlNode sequence(Mark mark, int depth) throws ConfigException {
      List<YamlNode> items = new ArrayList<>();
      while (!parser.checkEvent(Event.ID.SequenceEnd)) {
        items.add(node(parser.getEvent(), depth + 1));
      }
      parser.getEvent(); // sequence end
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
