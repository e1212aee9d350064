package io.qnwis.sample.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A small JSON writer. Numbers are written deterministically (decimals rounded half-even to two
 * places) so that the same data gives byte-identical responses on every run and database.
 */
public final class Json {

  private final StringBuilder out = new StringBuilder(256);
  private final boolean array;
  private boolean first = true;

  private Json(boolean array) {
    this.array = array;
    out.append(array ? '[' : '{');
  }

  public static Json object() {
    return new Json(false);
  }

  public static Json array() {
    return new Json(true);
  }

  public Json put(String name, String value) {
    return key(name).string(value);
  }

  public Json put(String name, long value) {
    key(name).out.append(value);
    return this;
  }

  public Json put(String name, double value) {
    key(name).out.append(decimal(value));
    return this;
  }

  public Json put(String name, boolean value) {
    key(name).out.append(value);
    return this;
  }

  /** Puts an already-written JSON value (an object, array or cached fragment). */
  public Json putRaw(String name, String json) {
    key(name).out.append(json);
    return this;
  }

  public Json put(String name, Json value) {
    return putRaw(name, value.toString());
  }

  public Json add(Json value) {
    return addRaw(value.toString());
  }

  public Json addRaw(String json) {
    separator();
    out.append(json);
    return this;
  }

  public Json add(String value) {
    separator();
    return string(value);
  }

  public Json add(long value) {
    separator();
    out.append(value);
    return this;
  }

  public Json add(double value) {
    separator();
    out.append(decimal(value));
    return this;
  }

  @Override
  public String toString() {
    return out + (array ? "]" : "}");
  }

  static String decimal(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "null";
    }
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  private Json key(String name) {
    separator();
    string(name);
    out.append(':');
    return this;
  }

  private void separator() {
    if (!first) {
      out.append(',');
    }
    first = false;
  }

  private Json string(String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
    return this;
  }
}
