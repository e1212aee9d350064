package io.qnwis.agent.instrumentation;

import io.qnwis.agent.AgentContext;
import io.qnwis.agent.config.AgentConfig;
import java.util.List;

/**
 * Everything the agent does for one library: its type instrumentations, the metrics and hooks they
 * feed, and the name ({@code jdbc}, {@code lettuce}, {@code executor}) under which config can
 * switch it off.
 */
public interface InstrumentationModule {

  /** Kebab-case name used in logs and to disable the module. */
  String name();

  /** Whether the module is installed at all under this (start-up) config. */
  boolean enabled(AgentConfig config);

  List<TypeInstrumentation> typeInstrumentations();

  /**
   * Registers the module's metrics and endpoint routes and points the bootstrap bridge at the
   * module's helpers. Runs before any of its advice is woven.
   */
  void start(AgentContext context);
}
