package io.qnwis.agent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads of the agent's own. Their names start with {@link #PREFIX}, which the executor
 * instrumentation skips so the agent never measures (or bounds) itself. The prefix is chosen not to
 * collide with service pools such as QNWIS's {@code qnwis-agent-N}.
 */
public final class AgentThreads {

  public static final String PREFIX = "qnwis-perf-";

  private AgentThreads() {}

  public static ThreadFactory factory(String purpose) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> daemon(PREFIX + purpose + "-" + count.incrementAndGet(), runnable);
  }

  /** A daemon thread named {@code name}, which starts with {@link #PREFIX}; not started. */
  public static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
