package io.qnwis.agent.instrumentation.jdbc;

import io.qnwis.agent.AgentLog;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs slow statements (normalized SQL only) at most {@link #LINES_PER_MINUTE} times a minute; the
 * lines dropped in between are counted and reported with the next line, so a storm of slow queries
 * cannot flood the service's standard error. The metric counts every one.
 */
final class SlowQueryLog {

  static final int LINES_PER_MINUTE = 10;
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
  private final AtomicLong linesInWindow = new AtomicLong();
  private final AtomicLong suppressed = new AtomicLong();

  /** Returns the line logged, or null when rate-limited. */
  String log(SqlInfo info, long nanos, long thresholdNanos) {
    long now = System.nanoTime();
    long start = windowStart.get();
    if (now - start > MINUTE_NANOS && windowStart.compareAndSet(start, now)) {
      linesInWindow.set(0);
    }
    if (linesInWindow.incrementAndGet() > LINES_PER_MINUTE) {
      suppressed.incrementAndGet();
      return null;
    }
    long dropped = suppressed.getAndSet(0);
    String line =
        String.format(
            Locale.ROOT,
            "slow query (%.3f s > %.3f s, %s): %s%s",
            nanos / 1e9,
            thresholdNanos / 1e9,
            info.operation().label(),
            info.normalized() == null ? "<sql unknown to the agent>" : info.normalized(),
            dropped > 0 ? " [" + dropped + " more slow queries not logged]" : "");
    AgentLog.warn(line);
    return line;
  }
}
