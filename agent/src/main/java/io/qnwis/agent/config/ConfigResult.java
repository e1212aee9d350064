package io.qnwis.agent.config;

import java.util.List;

/** A loaded config, or the problems (one message each, naming its path) that made it invalid. */
public record ConfigResult(AgentConfig config, List<String> problems) {

  public static ConfigResult ok(AgentConfig config) {
    return new ConfigResult(config, List.of());
  }

  public static ConfigResult invalid(List<String> problems) {
    return new ConfigResult(null, List.copyOf(problems));
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
