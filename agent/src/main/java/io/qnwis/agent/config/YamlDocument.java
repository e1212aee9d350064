package io.qnwis.agent.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a YAML document into maps, lists, strings, integers, doubles, booleans and nulls: the
 * values SnakeYAML's {@code SafeConstructor} would build for them, with merge keys ({@code <<})
 * flattened as it does. It stops at SnakeYAML's node graph and builds the values itself because the
 * constructor's set-up initialises {@code java.util.logging} and some forty classes, ~30 ms of CPU
 * on the agent's start path for a file of a few lines.
 *
 * <p>Refused, with the line and column: a duplicate key, and any other type (timestamps, binary,
 * sets, ordered maps, and tags for Java objects), which no config option takes.
 */
final class YamlDocument {

  private YamlDocument() {}

  /**
   * The document's value: null for an empty document.
   *
   * @throws MarkedYAMLException for a syntax error or a refused value, with its position
   * @throws org.yaml.snakeyaml.error.YAMLException for a limit of {@code options} exceeded
   */
  static Object read(String yaml, LoaderOptions options) {
    Node root =
        new Composer(new ParserImpl(new StreamReader(yaml), options), new Resolver(), options)
            .getSingleNode();
    return root == null ? null : value(root);
  }

  private static Object value(Node node) {
    if (node instanceof ScalarNode scalar) {
      return scalar(scalar);
    }
    if (node instanceof SequenceNode sequence && sequence.getTag().equals(Tag.SEQ)) {
      List<Object> list = new ArrayList<>(sequence.getValue().size());
      for (Node element : sequence.getValue()) {
        list.add(value(element));
      }
      return list;
    }
    if (node instanceof MappingNode mapping && mapping.getTag().equals(Tag.MAP)) {
      return map(mapping);
    }
    throw refused(node, "values tagged " + node.getTag() + " are not supported");
  }

  /**
   * Explicit keys first, in order, then keys merged in with {@code <<} that no explicit key or
   * earlier merge gave.
   */
  private static Map<Object, Object> map(MappingNode mapping) {
    Map<Object, Object> explicit = new LinkedHashMap<>();
    List<Map<Object, Object>> merged = new ArrayList<>();
    for (NodeTuple entry : mapping.getValue()) {
      Node keyNode = entry.getKeyNode();
      if (keyNode.getTag().equals(Tag.MERGE)) {
        merged.addAll(mergeSources(entry.getValueNode()));
        continue;
      }
      Object key = value(keyNode);
      if (explicit.containsKey(key)) {
        throw refused(keyNode, "found duplicate key " + key);
      }
      explicit.put(key, value(entry.getValueNode()));
    }
    for (Map<Object, Object> source : merged) {
      source.forEach(explicit::putIfAbsent);
    }
    return explicit;
  }

  private static List<Map<Object, Object>> mergeSources(Node node) {
    List<Node> sources =
        node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
    List<Map<Object, Object>> maps = new ArrayList<>(sources.size());
    for (Node source : sources) {
      if (!(source instanceof MappingNode mapping)) {
        throw refused(source, "a merge key (<<) takes a map or a list of maps");
      }
      maps.add(map(mapping));
    }
    return maps;
  }

  private static Object scalar(ScalarNode node) {
    Tag tag = node.getTag();
    String text = node.getValue();
    if (tag.equals(Tag.STR)) {
      return text;
    }
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL)) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on" -> Boolean.TRUE;
        case "false", "no", "off" -> Boolean.FALSE;
        default -> throw refused(node, text + " is not a boolean");
      };
    }
    try {
      if (tag.equals(Tag.INT)) {
        return integer(text);
      }
      if (tag.equals(Tag.FLOAT)) {
        return number(text);
      }
    } catch (NumberFormatException e) {
      throw refused(node, text + " is not a number");
    }
    throw refused(node, "values tagged " + tag + " are not supported (quote it for a string)");
  }

  /** As YAML 1.1 reads it: sign, underscores, 0b binary, 0x hex, leading-0 octal, base 60. */
  private static Number integer(String text) {
    String digits = text.replace("_", "");
    boolean negative = digits.startsWith("-");
    if (negative || digits.startsWith("+")) {
      digits = digits.substring(1);
    }
    BigInteger value;
    if (digits.contains(":")) {
      value = BigInteger.ZERO;
      for (String part : digits.split(":")) {
        value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
      }
    } else if (digits.startsWith("0b")) {
      value = new BigInteger(digits.substring(2), 2);
    } else if (digits.startsWith("0x")) {
      value = new BigInteger(digits.substring(2), 16);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      value = new BigInteger(digits.substring(1), 8);
    } else {
      value = new BigInteger(digits);
    }
    if (negative) {
      value = value.negate();
    }
    if (value.bitLength() < Integer.SIZE) {
      return value.intValue();
    }
    return value.bitLength() < Long.SIZE ? (Number) value.longValue() : value;
  }

  private static Double number(String text) {
    String digits = text.replace("_", "").toLowerCase(Locale.ROOT);
    boolean negative = digits.startsWith("-");
    String unsigned = negative || digits.startsWith("+") ? digits.substring(1) : digits;
    double value;
    if (unsigned.equals(".inf")) {
      value = Double.POSITIVE_INFINITY;
    } else if (unsigned.equals(".nan")) {
      value = Double.NaN;
    } else if (unsigned.contains(":")) {
      value = 0;
      for (String part : unsigned.split(":")) {
        value = value * 60 + Double.parseDouble(part);
      }
    } else {
      value = Double.parseDouble(unsigned);
    }
    return negative ? -value : value;
  }

  private static MarkedYAMLException refused(Node node, String problem) {
    return new Refused(node.getStartMark(), problem);
  }

  /** A value the config cannot hold, reported like a syntax error: where, and why. */
  private static final class Refused extends MarkedYAMLException {
    Refused(Mark mark, String problem) {
      super(null, null, problem, mark);
    }
  }
}
