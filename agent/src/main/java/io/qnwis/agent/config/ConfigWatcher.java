package io.qnwis.agent.config;

import java.nio.file.Path;
import java.util.List;

/** PLACEHOLDER: the config helper replaces this with the reload loop. */
public final class ConfigWatcher {

  /** Told of each changed file: applied when valid, rejected (previous config kept) when not. */
  public interface Listener {
    void applied(AgentConfig config);

    void rejected(List<String> problems);
  }

  public ConfigWatcher(Path file, Listener listener, ConfigHolder holder) {}

  public void start() {}
}
