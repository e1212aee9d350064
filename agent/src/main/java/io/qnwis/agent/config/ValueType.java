package io.qnwis.agent.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The type of a config value: its name in the reference, how a YAML value (as {@link YamlDocument}
 * reads it) becomes the typed value, and how the typed value is written back (in the reference,
 * {@code /config} and check-config). A conversion that fails throws {@link
 * IllegalArgumentException} whose message is a predicate: {@code "-5s" + " is not a duration"}.
 */
public record ValueType<T>(
    String name, Function<Object, T> converter, Function<T, String> printer) {

  public static final ValueType<String> STRING =
      new ValueType<>("string", ValueType::toText, text -> text);

  public static final ValueType<Integer> INTEGER =
      new ValueType<>("integer", ValueType::toInteger, String::valueOf);

  public static final ValueType<Boolean> BOOLEAN =
      new ValueType<>("boolean", ValueType::toBoolean, String::valueOf);

  public static final ValueType<Double> NUMBER =
      new ValueType<>("number", ValueType::toNumber, String::valueOf);

  public static final ValueType<Duration> DURATION =
      new ValueType<>("duration", ValueType::toDuration, Durations::format);

  public static final ValueType<Glob> GLOB =
      new ValueType<>("glob", raw -> Glob.compile(toText(raw)), Glob::pattern);

  /** A map of further keys; read with {@code ConfigNode.section}. */
  public static final ValueType<Void> SECTION = new ValueType<>("map", raw -> null, v -> "");

  /** A list of maps; read with {@code ConfigNode.list}. */
  public static final ValueType<Void> LIST = new ValueType<>("list of maps", raw -> null, v -> "");

  /** A TTL policy map; see the {@code ttl.*} options. */
  public static final ValueType<Void> TTL_POLICY =
      new ValueType<>("TTL policy", raw -> null, v -> "");

  /** One of a fixed set of lower-case words. */
  public static ValueType<String> oneOf(String... words) {
    List<String> allowed = List.of(words);
    return new ValueType<>(
        String.join(", ", allowed.subList(0, allowed.size() - 1))
            + " or "
            + allowed.get(allowed.size() - 1),
        raw -> {
          String word = toText(raw);
          if (!allowed.contains(word)) {
            throw new IllegalArgumentException("is not one of " + String.join(", ", allowed));
          }
          return word;
        },
        word -> word);
  }

  public T convert(Object raw) {
    return converter.apply(raw);
  }

  public String print(T value) {
    return printer.apply(value);
  }

  private static String toText(Object raw) {
    if (raw instanceof String text) {
      return text;
    }
    if (raw instanceof Number || raw instanceof Boolean) {
      throw new IllegalArgumentException("is not a string (put it in quotes)");
    }
    throw new IllegalArgumentException("is not a string");
  }

  private static Duration toDuration(Object raw) {
    if (raw instanceof Number) {
      throw new IllegalArgumentException(
          "has no unit: write a duration like " + Durations.EXAMPLES);
    }
    return Durations.parse(toText(raw));
  }

  private static Integer toInteger(Object raw) {
    if (raw instanceof Integer value) {
      return value;
    }
    if (raw instanceof Long || raw instanceof BigInteger) {
      throw new IllegalArgumentException("is too large for an integer");
    }
    throw new IllegalArgumentException("is not an integer");
  }

  private static Boolean toBoolean(Object raw) {
    if (raw instanceof Boolean value) {
      return value;
    }
    throw new IllegalArgumentException("is not true or false");
  }

  private static Double toNumber(Object raw) {
    if (raw instanceof Double || raw instanceof Integer || raw instanceof Long) {
      return ((Number) raw).doubleValue();
    }
    throw new IllegalArgumentException("is not a number");
  }
}
