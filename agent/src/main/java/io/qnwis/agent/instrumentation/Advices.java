package io.qnwis.agent.instrumentation;

import net.bytebuddy.agent.builder.AgentBuilder;

/** Shared set-up for advice transformers. */
public final class Advices {

  private Advices() {}

  /**
   * A transformer that reads advice classes from the agent's own loader (the instrumented class's
   * loader usually cannot see them) and inlines them into the target.
   */
  public static AgentBuilder.Transformer.ForAdvice transformer() {
    return new AgentBuilder.Transformer.ForAdvice()
        .include(Advices.class.getClassLoader())
        .withExceptionHandler(net.bytebuddy.asm.Advice.ExceptionHandler.Default.SUPPRESSING);
  }
}
