package io.qnwis.agent.config;

/** PLACEHOLDER: the config helper replaces this with the redacted JSON rendering. */
public final class ConfigJson {

  private ConfigJson() {}

  public static String render(AgentConfig config, boolean valid) {
    return "{}";
  }
}
