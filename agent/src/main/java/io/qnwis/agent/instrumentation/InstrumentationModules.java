package io.qnwis.agent.instrumentation;

import io.qnwis.agent.instrumentation.executor.ExecutorInstrumentationModule;
import io.qnwis.agent.instrumentation.jdbc.JdbcInstrumentationModule;
import io.qnwis.agent.instrumentation.lettuce.LettuceInstrumentationModule;
import java.util.List;

/** The instrumentation modules the agent ships, in installation order. */
public final class InstrumentationModules {

  private InstrumentationModules() {}

  public static List<InstrumentationModule> all() {
    return List.of(
        new JdbcInstrumentationModule(),
        new ExecutorInstrumentationModule(),
        new LettuceInstrumentationModule());
  }
}
