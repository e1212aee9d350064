package io.qnwis.it.foundation;

import io.qnwis.it.support.Fixtures;

/**
 * A main class that names no JDBC, pool, Redis or executor type, so it need not wait for the
 * agent's instrumentation: it reports whether the agent was still starting when main() began.
 */
public final class EarlyMainService {

  public static void main(String[] args) throws Exception {
    boolean starting = false;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      starting |= thread.getName().equals("qnwis-perf-starter");
    }
    System.out.println("agent still starting when main() began: " + starting);
    Fixtures.readyAndWait();
  }
}
