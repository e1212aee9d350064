package io.qnwis.bench.load;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable summary printed at the end of a run. */
final class Report {

  private Report() {}

  static void print(PrintStream out, List<ScenarioResult> results, Map<String, Object> comparison) {
    out.println();
    out.println(
        String.format(
            Locale.ROOT,
            "%-10s %6s %6s %5s %5s %9s %9s %9s %9s %8s %8s %-6s %9s %s",
            "scenario",
            "reqs",
            "ok",
            "err",
            "t/o",
            "p50",
            "p90",
            "p95",
            "p99",
            "req/s",
            "target",
            "result",
            "cache-hit",
            "pool use (mean/peak)"));
    for (ScenarioResult r : results) {
      out.println(
          String.format(
              Locale.ROOT,
              "%-10s %6d %6d %5d %5d %9s %9s %9s %9s %8.1f %8s %-6s %9s %s",
              r.scenario().id(),
              r.requests(),
              r.successes(),
              r.errors(),
              r.timeouts(),
              seconds(r.latency().percentile(50)),
              seconds(r.latency().percentile(90)),
              seconds(r.p95()),
              seconds(r.latency().percentile(99)),
              r.throughput(),
              "<" + Durations.format(r.target()),
              r.targetMet() ? "PASS" : "FAIL",
              r.cache() == null ? "n/a" : percent(r.cache().hitRatio()),
              r.pool() == null
                  ? "n/a"
                  : percent(r.pool().utilizationMean())
                      + " / "
                      + percent(r.pool().utilizationPeak())
                      + String.format(Locale.ROOT, " (max %.0f)", r.pool().max())));
      if (!r.errorKinds().isEmpty()) {
        out.println("           errors: " + r.errorKinds());
      }
    }
    if (comparison != null) {
      out.println();
      out.println("Against baseline " + comparison.get("file") + ":");
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Object>> scenarios =
          (Map<String, Map<String, Object>>) comparison.get("scenarios");
      scenarios.forEach(
          (id, c) -> {
            if (!c.containsKey("p95_seconds_now")) {
              out.println(String.format(Locale.ROOT, "  %-10s %s", id, c.get("verdict")));
              return;
            }
            out.println(
                String.format(
                    Locale.ROOT,
                    "  %-10s p95 %s -> %s (%s) %s; throughput %.1f -> %.1f req/s (%s)",
                    id,
                    seconds((double) c.get("p95_seconds_baseline")),
                    seconds((double) c.get("p95_seconds_now")),
                    signedPercent((double) c.get("p95_change_pct")),
                    c.get("verdict"),
                    (double) c.get("throughput_rps_baseline"),
                    (double) c.get("throughput_rps_now"),
                    signedPercent((double) c.get("throughput_change_pct"))));
          });
    }
  }

  static String seconds(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return value < 1
        ? String.format(Locale.ROOT, "%.1fms", value * 1000)
        : String.format(Locale.ROOT, "%.2fs", value);
  }

  static String percent(double ratio) {
    return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }

  private static String signedPercent(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", value);
  }
}
