package io.qnwis.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry point named by the jar manifest for {@code -javaagent} (premain) and run-time attach
 * (agentmain). It does as little as possible: everything happens in {@link AgentStarter}, which
 * never lets a failure reach the service.
 */
public final class QnwisAgent {

  private QnwisAgent() {}

  public static void premain(String args, Instrumentation instrumentation) {
    AgentStarter.start(args, instrumentation, false);
  }

  public static void agentmain(String args, Instrumentation instrumentation) {
    AgentStarter.start(args, instrumentation, true);
  }
}
