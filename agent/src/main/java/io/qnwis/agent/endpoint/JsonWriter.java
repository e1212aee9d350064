package io.qnwis.agent.endpoint;

/**
 * A minimal streaming JSON writer for the endpoint's documents ({@code /config}, {@code /queries},
 * {@code /cache}, {@code /health}); the agent bundles no JSON library. Commas are inserted
 * automatically.
 */
public final class JsonWriter {

  private final StringBuilder out = new StringBuilder(256);
  private boolean needsComma;

  public JsonWriter beginObject() {
    separate();
    out.append('{');
    needsComma = false;
    return this;
  }

  public JsonWriter endObject() {
    out.append('}');
    needsComma = true;
    return this;
  }

  public JsonWriter beginArray() {
    separate();
    out.append('[');
    needsComma = false;
    return this;
  }

  public JsonWriter endArray() {
    out.append(']');
    needsComma = true;
    return this;
  }

  /** Writes a member name; the next call writes its value. */
  public JsonWriter name(String name) {
    separate();
    quote(name);
    out.append(':');
    needsComma = false;
    return this;
  }

  public JsonWriter value(String value) {
    separate();
    if (value == null) {
      out.append("null");
    } else {
      quote(value);
    }
    needsComma = true;
    return this;
  }

  public JsonWriter value(long value) {
    separate();
    out.append(value);
    needsComma = true;
    return this;
  }

  public JsonWriter value(double value) {
    separate();
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      out.append("null");
    } else {
      out.append(value);
    }
    needsComma = true;
    return this;
  }

  public JsonWriter value(boolean value) {
    separate();
    out.append(value);
    needsComma = true;
    return this;
  }

  public JsonWriter field(String name, String value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, long value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, double value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, boolean value) {
    return name(name).value(value);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void separate() {
    if (needsComma) {
      out.append(',');
      needsComma = false;
    }
  }

  private void quote(String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
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
  }
}
