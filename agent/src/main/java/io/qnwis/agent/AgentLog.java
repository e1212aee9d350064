package io.qnwis.agent;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's own log: one line per message on standard error, prefixed so ops can grep it. The
 * agent deliberately avoids the service's logging framework (and JUL, which services reconfigure).
 */
public final class AgentLog {

  private static final long RATE_LIMIT_NANOS = 60_000_000_000L;

  /** Causes named after a wrapped error: enough for the root of any chain the agent sees. */
  private static final int MAX_CAUSES = 5;

  private static final ConcurrentHashMap<String, Long> LAST_LOGGED = new ConcurrentHashMap<>();

  /**
   * {@code -Dqnwis.agent.debug=true}: also log what the agent does at start-up (its phases, each
   * class it instruments). Read once.
   */
  public static final boolean DEBUG = Boolean.getBoolean("qnwis.agent.debug");

  private AgentLog() {}

  public static void info(String message) {
    System.err.println("[qnwis-agent] " + message);
  }

  public static void warn(String message) {
    System.err.println("[qnwis-agent] WARN " + message);
  }

  /**
   * With the error's causes, so a wrapped failure (an ExecutionException, say) says what it was.
   */
  public static void warn(String message, Throwable error) {
    warn(withCauses(message, error));
  }

  static String withCauses(String message, Throwable error) {
    StringBuilder text = new StringBuilder(message).append(": ").append(error);
    Throwable cause = error.getCause();
    for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
      text.append("; caused by ").append(cause);
      cause = cause.getCause();
    }
    return text.toString();
  }

  /** Logs at most once a minute per key, so a failure on a hot path cannot flood the log. */
  public static void warnRateLimited(String key, String message) {
    long now = System.nanoTime();
    Long last = LAST_LOGGED.get(key);
    if (last != null && now - last < RATE_LIMIT_NANOS) {
      return;
    }
    if (LAST_LOGGED.size() > 1_000) {
      LAST_LOGGED.clear();
    }
    LAST_LOGGED.put(key, now);
    warn(message);
  }
}
