package io.qnwis.bench.load;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The line that shows a scenario's progress. On a terminal it is rewritten in place every second;
 * otherwise (CI logs, pipes) one line is printed every ten seconds.
 */
final class ProgressLine {

  private static final long LOG_EVERY_NANOS = 10_000_000_000L;

  private final PrintStream out;
  private final String scenario;
  private final int planned;
  private final boolean terminal = System.console() != null;
  private long lastPrinted = Long.MIN_VALUE;

  ProgressLine(PrintStream out, String scenario, int planned) {
    this.out = out;
    this.scenario = scenario;
    this.planned = planned;
  }

  void update(int ok, int errors, int timeouts, long elapsedNanos) {
    if (terminal) {
      out.print("\r" + text(ok, errors, timeouts, elapsedNanos) + "   ");
      out.flush();
    } else if (lastPrinted == Long.MIN_VALUE || elapsedNanos - lastPrinted >= LOG_EVERY_NANOS) {
      out.println(text(ok, errors, timeouts, elapsedNanos));
      lastPrinted = elapsedNanos;
    }
  }

  void finish(int ok, int errors, int timeouts, long elapsedNanos) {
    out.print(terminal ? "\r" : "");
    out.println(text(ok, errors, timeouts, elapsedNanos) + "  done   ");
    out.flush();
  }

  private String text(int ok, int errors, int timeouts, long elapsedNanos) {
    int done = ok + errors + timeouts;
    double seconds = elapsedNanos / 1e9;
    String of = planned == Integer.MAX_VALUE ? "" : "/" + planned;
    return String.format(
        Locale.ROOT,
        "[%-9s] %d%s requests  %.1f s  %.1f req/s  errors %d  timeouts %d",
        scenario,
        done,
        of,
        seconds,
        seconds > 0 ? ok / seconds : 0.0,
        errors,
        timeouts);
  }
}
