package io.qnwis.agent.config;

import java.util.List;

/**
 * A loaded config, or the problems (one message each, naming its path) that made it invalid; with
 * the text it was read from, null if none was read (no file, or the file could not be read).
 */
public record ConfigResult(AgentConfig config, List<String> problems, String source) {

  public static ConfigResult ok(AgentConfig config) {
    return new ConfigResult(config, List.of(), null);
  }

  public static ConfigResult invalid(List<String> problems) {
    return new ConfigResult(null, List.copyOf(problems), null);
  }

  public boolean valid() {
    return problems.isEmpty();
  }

  /** The same result, read from {@code text}. */
  ConfigResult readFrom(String text) {
    return new ConfigResult(config, problems, text);
  }
}
