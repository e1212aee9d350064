package io.qnwis.agent.config;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The {@code -javaagent:qnwis-agent.jar=OPTIONS} string: comma-separated {@code key=value} pairs
 * {@code config}, {@code port}, {@code strict} and {@code cache}. The config file may also come
 * from the system property {@value #CONFIG_PROPERTY} or the environment variable {@value
 * #CONFIG_ENV}, in that order of precedence after the option. {@code classCache} is the directory
 * of woven classes kept between runs, or null for none ({@code cache=off}, or no home directory to
 * put the default in).
 */
public record AgentOptions(Path configFile, Integer port, boolean strict, Path classCache) {

  public static final String CONFIG_PROPERTY = "qnwis.agent.config";
  public static final String CONFIG_ENV = "QNWIS_AGENT_CONFIG";

  private static final String KNOWN = "(known: config, port, strict, cache)";

  /**
   * @throws IllegalArgumentException naming the offending option
   */
  public static AgentOptions parse(
      String raw, Function<String, String> systemProperties, Function<String, String> environment) {
    String config = null;
    Integer port = null;
    boolean strict = false;
    String cache = null;
    if (raw != null && !raw.isBlank()) {
      for (String pair : raw.split(",")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "agent option '" + pair.trim() + "' is not key=value " + KNOWN);
        }
        String key = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        switch (key) {
          case "config" -> config = value;
          case "port" -> port = parsePort(value);
          case "strict" -> strict = parseBoolean(key, value);
          case "cache" -> cache = parseCache(value);
          default ->
              throw new IllegalArgumentException("unknown agent option '" + key + "' " + KNOWN);
        }
      }
    }
    if (config == null || config.isEmpty()) {
      config = systemProperties.apply(CONFIG_PROPERTY);
    }
    if (config == null || config.isEmpty()) {
      config = environment.apply(CONFIG_ENV);
    }
    Path file = config == null || config.isEmpty() ? null : Path.of(config);
    return new AgentOptions(file, port, strict, classCache(cache, systemProperties, environment));
  }

  /** The same options with {@code file} as the config file. */
  public AgentOptions withConfigFile(Path file) {
    return new AgentOptions(file, port, strict, classCache);
  }

  private static String parseCache(String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("agent option cache: give a directory, or off");
    }
    return value;
  }

  /**
   * {@code cache=DIR}, none for {@code cache=off}, else {@code $XDG_CACHE_HOME/qnwis-agent} or
   * {@code ~/.cache/qnwis-agent}, as for any per-user cache.
   */
  private static Path classCache(
      String option, Function<String, String> systemProperties, Function<String, String> env) {
    if (option != null) {
      return option.equalsIgnoreCase("off") ? null : Path.of(option).toAbsolutePath();
    }
    String xdg = env.apply("XDG_CACHE_HOME");
    if (xdg != null && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "qnwis-agent");
    }
    String home = systemProperties.apply("user.home");
    if (home == null || home.isEmpty() || !Path.of(home).isAbsolute()) {
      return null;
    }
    return Path.of(home, ".cache", "qnwis-agent");
  }

  public static AgentOptions fromEnvironment(String raw) {
    return parse(raw, System::getProperty, System::getenv);
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(
        "agent option port: \"" + value + "\" is not a port number (0-65535)");
  }

  private static boolean parseBoolean(String key, String value) {
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException(
        "agent option " + key + ": \"" + value + "\" is not true or false");
  }
}
