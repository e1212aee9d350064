package io.qnwis.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The options a reload cannot change in a running agent (the endpoint is bound and the
 * instrumentation woven at start-up), with where each sits in {@link AgentConfig}; {@link
 * ConfigWatcher} names the ones a reload changed, so ops are not misled by "config reloaded".
 */
final class StartOnlyOptions {

  private static final Map<ConfigOption<?>, Function<AgentConfig, Object>> VALUES =
      new LinkedHashMap<>();

  static {
    VALUES.put(ConfigOptions.METRICS_HOST, config -> config.metrics().host());
    VALUES.put(ConfigOptions.METRICS_PORT, config -> config.metrics().port());
    VALUES.put(ConfigOptions.METRICS_MAX_LABEL_VALUES, config -> config.metrics().maxLabelValues());
    VALUES.put(ConfigOptions.JDBC_ENABLED, config -> config.jdbc().enabled());
    VALUES.put(ConfigOptions.REDIS_ENABLED, config -> config.redis().enabled());
    VALUES.put(ConfigOptions.EXECUTOR_ENABLED, config -> config.executor().enabled());
  }

  private StartOnlyOptions() {}

  static List<ConfigOption<?>> all() {
    return List.copyOf(VALUES.keySet());
  }

  /** "metrics.port (9400 to 9500)" for each start-only option whose value differs. */
  static List<String> changed(AgentConfig before, AgentConfig after) {
    List<String> changes = new ArrayList<>();
    VALUES.forEach(
        (option, value) -> {
          Object old = value.apply(before);
          Object next = value.apply(after);
          if (!Objects.equals(old, next)) {
            changes.add(option.key() + " (" + old + " to " + next + ")");
          }
        });
    return changes;
  }
}
