package io.qnwis.agent;

/**
 * With {@code -Dqnwis.agent.debug=true} ({@link AgentLog#DEBUG}), one line per start-up phase on
 * standard error: the milliseconds since premain began and the thread, to see what sits on the
 * start path. Off, a mark costs a field read: no string is built.
 */
final class Timings {

  private static final long START = System.nanoTime();

  private Timings() {}

  static void mark(String phase) {
    if (AgentLog.DEBUG) {
      AgentLog.info(
          "start-up: "
              + phase
              + " at +"
              + (System.nanoTime() - START) / 1_000_000
              + " ms on "
              + Thread.currentThread().getName());
    }
  }
}
