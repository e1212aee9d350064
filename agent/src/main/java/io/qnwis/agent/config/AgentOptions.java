package io.qnwis.agent.config;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The {@code -javaagent:qnwis-agent.jar=OPTIONS} string: comma-separated {@code key=value} pairs
 * {@code config}, {@code port} and {@code strict}. The config file may also come from the system
 * property {@value #CONFIG_PROPERTY} or the environment variable {@value #CONFIG_ENV}, in that
 * order of precedence after the option.
 */
public record AgentOptions(Path configFile, Integer port, boolean strict) {

  public static final String CONFIG_PROPERTY = "qnwis.agent.config";
  public static final String CONFIG_ENV = "QNWIS_AGENT_CONFIG";

  /**
   * @throws IllegalArgumentException naming the offending option
   */
  public static AgentOptions parse(
      String raw, Function<String, String> systemProperties, Function<String, String> environment) {
    String config = null;
    Integer port = null;
    boolean strict = false;
    if (raw != null && !raw.isBlank()) {
      for (String pair : raw.split(",")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "agent option '" + pair.trim() + "' is not key=value (known: config, port, strict)");
        }
        String key = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        switch (key) {
          case "config" -> config = value;
          case "port" -> port = parsePort(value);
          case "strict" -> strict = parseBoolean(key, value);
          default ->
              throw new IllegalArgumentException(
                  "unknown agent option '" + key + "' (known: config, port, strict)");
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
    return new AgentOptions(file, port, strict);
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
