package io.qnwis.agent.instrumentation;

import java.util.List;

/** The instrumentation modules the agent ships, in installation order. */
public final class InstrumentationModules {

  private InstrumentationModules() {}

  public static List<InstrumentationModule> all() {
    return List.of(new io.qnwis.agent.instrumentation.jdbc.JdbcInstrumentationModule());
  }
}
