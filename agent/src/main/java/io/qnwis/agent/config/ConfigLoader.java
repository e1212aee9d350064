package io.qnwis.agent.config;

import java.nio.file.Path;
import java.util.List;

/** PLACEHOLDER: the config helper replaces this with the YAML loader and validators. */
public final class ConfigLoader {

  private ConfigLoader() {}

  public static ConfigResult load(Path file) {
    return ConfigResult.invalid(List.of(file + ": config loading not implemented yet"));
  }

  public static ConfigResult parse(String yaml, String source) {
    return ConfigResult.invalid(List.of(source + ": config loading not implemented yet"));
  }
}
