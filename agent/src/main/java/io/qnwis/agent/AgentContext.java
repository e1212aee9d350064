package io.qnwis.agent;

import io.qnwis.agent.config.ConfigHolder;
import io.qnwis.agent.metrics.AgentErrors;
import io.qnwis.agent.metrics.AgentMetrics;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** What an instrumentation module gets to work with when it starts. */
public final class AgentContext {

  private final AgentMetrics metrics;
  private final ConfigHolder config;
  private final Map<String, Supplier<String>> jsonRoutes = new ConcurrentHashMap<>();
  private final Instrumentation instrumentation;
  // Tasks for after the instrumentation is in place; null once it is (they then run at once).
  private List<Runnable> afterInstall;

  /** A context without instrumentation whose {@link #afterInstall} tasks run at once. */
  public AgentContext(AgentMetrics metrics, ConfigHolder config) {
    this(metrics, config, null, false);
  }

  /**
   * {@code deferring}: {@link #afterInstall} tasks wait for {@link #installed()}, as at premain,
   * where the agent starts them once the start gate is open.
   */
  AgentContext(
      AgentMetrics metrics,
      ConfigHolder config,
      Instrumentation instrumentation,
      boolean deferring) {
    this.metrics = metrics;
    this.config = config;
    this.instrumentation = instrumentation;
    this.afterInstall = deferring ? new ArrayList<>() : null;
  }

  /**
   * Runs {@code task} once the instrumentation is in place (at once if it is). For a module's own
   * threads and pools: a JDK executor the agent loads before weaving has to be retransformed (a JVM
   * redefinition on the critical path of start-up), while one that loads afterwards is woven as it
   * loads, off that path. Called while the modules start, before {@link #installed()}.
   */
  public void afterInstall(Runnable task) {
    synchronized (this) {
      if (afterInstall != null) {
        afterInstall.add(task);
        return;
      }
    }
    task.run();
  }

  /** The instrumentation is in place: runs the waiting {@link #afterInstall} tasks, in order. */
  void installed() {
    List<Runnable> tasks;
    synchronized (this) {
      tasks = afterInstall;
      afterInstall = null;
    }
    if (tasks != null) {
      for (Runnable task : tasks) {
        try {
          task.run();
        } catch (Throwable error) {
          errors().report("agent", error);
        }
      }
    }
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
