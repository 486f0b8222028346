package io.tokenjoule.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML text into a {@link YamlNode} tree that keeps every key's and value's line and column.
 *
 * <p>SnakeYAML composes the document (resolving tags, anchors and aliases, with its limits on
 * nesting and on aliases); this turns its node tree into ours, applying the YAML 1.1 merge key
 * {@code <<}. An aliased node is one node of our tree too, located where its anchor is written.
 * Thread-safe: each call has its own parser.
 */
final class YamlTreeReader {

  /** The configuration nests 4 levels deep; this only stops runaway input. */
  static final int MAX_DEPTH = 32;

  private static final String UNDEFINED_ALIAS = "found undefined alias ";

  /**
   * Reads one YAML document.
   *
   * @return the root node, or empty for a document with no content (nothing, or only comments)
   * @throws ConfigException for a syntax error, with its line and column
   */
  Optional<YamlNode> read(String yaml, String source, Problems problems) throws ConfigException {
    LoaderOptions options = new LoaderOptions();
    options.setNestingDepthLimit(MAX_DEPTH);
    Parser parser = new ParserImpl(new StreamReader(yaml), options);
    Composer composer = new Composer(parser, new Resolver(), options);
    try {
      if (!composer.checkNode()) {
        return Optional.empty();
      }
      Node root = composer.getNode();
      if (parser.checkEvent(Event.ID.DocumentStart)) {
        problems.add(
            mark(source, parser.peekEvent().getStartMark()).at(""),
            "found a second YAML document; the configuration must be a single document");
      }
      return Optional.of(new TreeBuilder(source, problems).node(root));
    } catch (MarkedYAMLException e) {
      throw new ConfigException(List.of(syntaxProblem(e, source)));
    } catch (YAMLException e) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(ConfigLocation.of(source, ""), "invalid YAML: " + e.getMessage())));
    } catch (IllegalArgumentException e) {
      // SnakeYAML's composer rejects some tags (a %-escape that decodes to a space) this way.
      throw new ConfigException(
          List.of(
              new ConfigProblem(ConfigLocation.of(source, ""), "invalid YAML: " + e.getMessage())));
    }
  }

  private static Mark mark(String source, org.yaml.snakeyaml.error.Mark mark) {
    return new Mark(source, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static ConfigProblem syntaxProblem(MarkedYAMLException e, String source) {
    var problem = e.getProblemMark();
    var context = e.getContextMark();
    if (e.getProblem() != null && e.getProblem().startsWith(UNDEFINED_ALIAS)) {
      String name = e.getProblem().substring(UNDEFINED_ALIAS.length());
      return new ConfigProblem(
          mark(source, problem).at(""),
          "unknown alias '*"
              + name
              + "'; an alias must refer to an anchor (&"
              + name
              + ") defined before it");
    }
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
        problem == null ? ConfigLocation.of(source, "") : mark(source, problem).at("");
    return new ConfigProblem(where, message);
  }

  /** Turns one composed document into our tree; an aliased node is turned once. */
  private static final class TreeBuilder {
    private final String source;
    private final Problems problems;
    private final Map<Node, YamlNode> built = new IdentityHashMap<>();
    private final Set<Node> building = Collections.newSetFromMap(new IdentityHashMap<>());

    TreeBuilder(String source, Problems problems) {
      this.source = source;
      this.problems = problems;
    }

    YamlNode node(Node node) {
      YamlNode done = built.get(node);
      if (done != null) {
        return done;
      }
      Mark mark = mark(source, node.getStartMark());
      if (!building.add(node)) {
        problems.add(mark.at(""), "an alias cannot refer to the anchor it is written in");
        return new YamlNode.Scalar("", true, mark);
      }
      YamlNode result;
      if (node instanceof ScalarNode scalar) {
        result = new YamlNode.Scalar(scalar.getValue(), scalar.getTag().equals(Tag.NULL), mark);
      } else if (node instanceof SequenceNode sequence) {
        result = new YamlNode.Sequence(sequence.getValue().stream().map(this::node).toList(), mark);
      } else {
        result = mapping((MappingNode) node, mark);
      }
      building.remove(node);
      built.put(node, result);
      return result;
    }

    private YamlNode mapping(MappingNode node, Mark mark) {
      List<YamlNode.Entry> entries = new ArrayList<>();
      List<YamlNode> merged = new ArrayList<>();
      for (NodeTuple tuple : node.getValue()) {
        Mark keyMark = mark(source, tuple.getKeyNode().getStartMark());
        YamlNode key = node(tuple.getKeyNode());
        YamlNode value = node(tuple.getValueNode());
        if (!(key instanceof YamlNode.Scalar scalarKey) || scalarKey.isNull()) {
          problems.add(
              keyMark.at(""), "expected a key such as tick, got " + key.describe() + " as a key");
        } else if (tuple.getKeyNode().getTag().equals(Tag.MERGE)) {
          merged.add(value);
        } else {
          entries.add(new YamlNode.Entry(scalarKey.text(), keyMark, value));
        }
      }
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
  }
}
