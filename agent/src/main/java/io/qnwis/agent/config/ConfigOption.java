package io.qnwis.agent.config;

/**
 * One key of the config file: where it sits, its type, default, constraint and meaning. Every
 * option is declared once, in {@link ConfigOptions}; the loader, the {@code /config} document and
 * docs/configuration.md all read it from there.
 *
 * @param key dotted path; {@code []} marks the elements of a list ({@code redis.regions[].name}),
 *     {@code ttl.} the keys of a TTL policy wherever one appears
 * @param defaultValue used when the key is absent; null when absence means "off" or the key is
 *     required
 * @param required absence is a problem
 * @param reloadable a changed value takes effect on reload (otherwise at the next start)
 * @param secret the value never appears in messages or {@code /config}
 */
public record ConfigOption<T>(
    String key,
    ValueType<T> type,
    T defaultValue,
    boolean required,
    Validator<T> validator,
    boolean reloadable,
    boolean secret,
    String description) {

  /** The last segment of the key: what the YAML map holds. */
  public String name() {
    return key.substring(key.lastIndexOf('.') + 1);
  }

  /** The key of the enclosing section or list element; empty at the top level. */
  public String parent() {
    int dot = key.lastIndexOf('.');
    return dot < 0 ? "" : key.substring(0, dot);
  }

  /** The default as the reference shows it. */
  public String defaultText() {
    if (required) {
      return "required";
    }
    if (defaultValue == null) {
      return "none";
    }
    return type.print(defaultValue);
  }

  /** The type and its constraint as the reference shows them. */
  public String typeText() {
    return validator.rule().isEmpty() ? type.name() : type.name() + ", " + validator.rule();
  }

  /** Builds options; everything not set is optional, unconstrained and reloadable. */
  static <T> Builder<T> option(String key, ValueType<T> type) {
    return new Builder<>(key, type);
  }

  static final class Builder<T> {
    private final String key;
    private final ValueType<T> type;
    private T defaultValue;
    private boolean required;
    private Validator<T> validator = Validator.any();
    private boolean reloadable = true;
    private boolean secret;

    private Builder(String key, ValueType<T> type) {
      this.key = key;
      this.type = type;
    }

    Builder<T> defaultValue(T value) {
      this.defaultValue = value;
      return this;
    }

    Builder<T> required() {
      this.required = true;
      return this;
    }

    Builder<T> check(Validator<T> value) {
      this.validator = value;
      return this;
    }

    Builder<T> atStartOnly() {
      this.reloadable = false;
      return this;
    }

    Builder<T> secret() {
      this.secret = true;
      return this;
    }

    ConfigOption<T> describe(String description) {
      return new ConfigOption<>(
          key, type, defaultValue, required, validator, reloadable, secret, description);
    }
  }
}
