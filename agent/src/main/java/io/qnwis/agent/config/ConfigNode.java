package io.qnwis.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One map of the YAML document being read, with its path for messages. Values are read through
 * {@link ConfigOption}s: absent means the option's default, a value of the wrong type or outside
 * its constraint records one problem (naming the path) and reads as null, so reading goes on and
 * every problem of a file is reported at once.
 */
final class ConfigNode {

  private final String path;
  private final String schemaKey;
  private final Map<String, Object> values;
  private final List<String> problems;

  private ConfigNode(
      String path, String schemaKey, Map<String, Object> values, List<String> problems) {
    this.path = path;
    this.schemaKey = schemaKey;
    this.values = values;
    this.problems = problems;
  }

  /** The top level of a document; a document that is not a map is one problem. */
  static ConfigNode root(Object document, List<String> problems) {
    ConfigNode empty = new ConfigNode("", "", Map.of(), problems);
    if (document == null) {
      return empty; // an empty file: every default
    }
    if (!(document instanceof Map<?, ?> map)) {
      problems.add("(top level): " + render(document) + " is not a map of config sections");
      return empty;
    }
    return new ConfigNode("", "", stringKeys(map), problems);
  }

  String path() {
    return path;
  }

  /** The path of a key of this map, as messages show it. */
  String pathOf(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  void problem(String name, String message) {
    problems.add(pathOf(name) + ": " + message);
  }

  boolean has(ConfigOption<?> option) {
    return values.get(option.name()) != null;
  }

  /** Reports every key that is not one of the options of this map's schema key. */
  void rejectUnknownKeys() {
    rejectUnknownKeys(ConfigOptions.childrenOf(schemaKey), "");
  }

  /** Reports every key that is not one of {@code allowed}; {@code context} qualifies "unknown". */
  void rejectUnknownKeys(List<ConfigOption<?>> allowed, String context) {
    List<String> names = new ArrayList<>();
    for (ConfigOption<?> option : allowed) {
      names.add(option.name());
    }
    for (String key : values.keySet()) {
      if (!names.contains(key)) {
        problem(key, "unknown key" + context + " (allowed: " + String.join(", ", names) + ")");
      }
    }
  }

  /** The option's value, its default if absent, or null after recording a problem. */
  <T> T get(ConfigOption<T> option) {
    Object raw = values.get(option.name());
    if (raw == null) {
      if (option.required()) {
        problem(option.name(), "is required");
      }
      return option.defaultValue();
    }
    String shown = option.secret() ? "the value" : render(raw);
    T value;
    try {
      value = option.type().convert(raw);
    } catch (IllegalArgumentException wrongType) {
      problem(option.name(), shown + " " + wrongType.getMessage());
      return null;
    }
    String failure = option.validator().check(value);
    if (failure != null) {
      problem(option.name(), shown + " " + failure);
      return null;
    }
    return value;
  }

  /**
   * A nested map (a section or a TTL policy): empty if absent, null (one problem recorded) if the
   * value is not a map, so the caller does not report its keys as missing too.
   */
  ConfigNode map(ConfigOption<Void> option, String schemaKeyOfMap) {
    Object raw = values.get(option.name());
    if (raw == null) {
      return new ConfigNode(pathOf(option.name()), schemaKeyOfMap, Map.of(), problems);
    }
    if (!(raw instanceof Map<?, ?> map)) {
      problem(option.name(), render(raw) + " is not a map");
      return null;
    }
    return new ConfigNode(pathOf(option.name()), schemaKeyOfMap, stringKeys(map), problems);
  }

  /** A section whose keys are the options under it; empty if absent or not a map. */
  ConfigNode section(ConfigOption<Void> option) {
    ConfigNode node = map(option, option.key());
    return node != null
        ? node
        : new ConfigNode(pathOf(option.name()), option.key(), Map.of(), problems);
  }

  /** The maps of a list option; an element that is not a map is a problem and skipped. */
  List<ConfigNode> list(ConfigOption<Void> option) {
    Object raw = values.get(option.name());
    List<ConfigNode> elements = new ArrayList<>();
    if (raw == null) {
      return elements;
    }
    if (!(raw instanceof List<?> list)) {
      problem(option.name(), render(raw) + " is not a list");
      return elements;
    }
    for (int i = 0; i < list.size(); i++) {
      String elementPath = pathOf(option.name()) + "[" + i + "]";
      Object element = list.get(i);
      if (element instanceof Map<?, ?> map) {
        elements.add(new ConfigNode(elementPath, option.key() + "[]", stringKeys(map), problems));
      } else {
        problems.add(elementPath + ": " + render(element) + " is not a map");
      }
    }
    return elements;
  }

  /** A YAML value as messages quote it: strings in quotes, collections by kind. */
  static String render(Object raw) {
    if (raw == null) {
      return "null";
    }
    if (raw instanceof String text) {
      return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
    if (raw instanceof Map) {
      return "a map";
    }
    if (raw instanceof List) {
      return "a list";
    }
    return String.valueOf(raw);
  }

  /** YAML allows keys of any type ({@code 1: x}); the schema's keys are strings. */
  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> result = new LinkedHashMap<>();
    map.forEach((key, value) -> result.put(String.valueOf(key), value));
    return result;
  }
}
