package io.qnwis.agent;

import io.qnwis.agent.config.ConfigHolder;
import io.qnwis.agent.metrics.AgentErrors;
import io.qnwis.agent.metrics.AgentMetrics;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** What an instrumentation module gets to work with when it starts. */
public final class AgentContext {

  private final AgentMetrics metrics;
  private final ConfigHolder config;
  private final Map<String, Supplier<String>> jsonRoutes = new ConcurrentHashMap<>();
  private final Instrumentation instrumentation;

  /** {@code instrumentation} is null in unit tests. */
  AgentContext(AgentMetrics metrics, ConfigHolder config, Instrumentation instrumentation) {
    this.metrics = metrics;
    this.config = config;
    this.instrumentation = instrumentation;
  }

  /** The JVM's instrumentation (e.g. to open a JDK package to the agent); null in unit tests. */
  public Instrumentation instrumentation() {
    return instrumentation;
  }

  public AgentMetrics metrics() {
    return metrics;
  }

  public AgentErrors errors() {
    return metrics.errors();
  }

  public ConfigHolder config() {
    return config;
  }

  /** Serves {@code document} as JSON at {@code path} on the agent's endpoint (e.g. /queries). */
  public void addJsonRoute(String path, Supplier<String> document) {
    jsonRoutes.put(path, document);
  }

  public Map<String, Supplier<String>> jsonRoutes() {
    return jsonRoutes;
  }
}
