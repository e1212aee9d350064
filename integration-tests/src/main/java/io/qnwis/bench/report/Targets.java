package io.qnwis.bench.report;

import static io.qnwis.bench.report.Figures.list;
import static io.qnwis.bench.report.Figures.map;
import static io.qnwis.bench.report.Figures.num;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The targets for this machine checked against the figures: added cost per JDBC statement
 * and Redis command under 150 ns and per executor task under 300 ns, each at most a tenth of what
 * OpenTelemetry adds; start-up added under 150 ms; resident memory added under 30 MB; no allocation
 * per intercepted call. A target without figures says so.
 */
final class Targets {

  /** Allocation below this many bytes per operation counts as none (profiler noise). */
  static final double ALLOC_NOISE_BYTES = 8;

  /**
   * The agent's code allocating less than a byte per operation makes no object per call: at most
   * one of 16 bytes (the smallest) every 16 calls, such as a table growing while it warms.
   */
  static final double AGENT_CODE_NONE_BYTES = 1;

  /** The verdicts in a row's last column. */
  static final String MET = "met";

  static final String NOT_MET = "**not met**";
  static final String INCONCLUSIVE = "inconclusive (spread)";
  static final String NOT_MEASURED = "–";

  private Targets() {}

  static List<String[]> rows(Map<String, Object> data) {
    List<String[]> rows = new ArrayList<>();
    List<Object> results = list(map(data.get("microbenchmarks")).get("results"));
    perCall(rows, results, "jdbc");
    perCall(rows, results, "lettuce");
    perCall(rows, results, "pipeline");
    perCall(rows, results, "executor");
    Map<String, Object> startup = map(data.get("startup"));
    for (String part : new String[] {"trivial_main", "executor_main", "service"}) {
      Map<String, Object> modes = map(map(startup.get(part)).get("modes"));
      if (modes.isEmpty()) {
        continue;
      }
      String what =
          switch (part) {
            case "service" -> "sample service";
            case "executor_main" -> "trivial main after one executor task";
            default -> "trivial main";
          };
      double ms = added(modes, "ms");
      rows.add(row("start-up added (" + what + ")", "< 150 ms", fmt(ms, "%+.0f ms"), ms < 150));
      double mib = added(modes, "rss_mib") * 1.048576;
      rows.add(
          row("resident memory added (" + what + ")", "< 30 MB", fmt(mib, "%+.1f MB"), mib < 30));
    }
    return rows;
  }

  /** The verdicts of {@code rows} counted, and the targets not met named, in one paragraph. */
  static String summary(List<String[]> rows) {
    Map<String, Integer> counts = new HashMap<>();
    List<String> notMet = new ArrayList<>();
    for (String[] row : rows) {
      counts.merge(row[3], 1, Integer::sum);
      if (row[3].equals(NOT_MET)) {
        notMet.add(row[0]);
      }
    }
    return "**Targets** (issue 7; each with its figure in the Targets section below): "
        + counts.getOrDefault(MET, 0)
        + " met, "
        + notMet.size()
        + " not met, "
        + counts.getOrDefault(INCONCLUSIVE, 0)
        + " inconclusive (the spread straddles the limit), "
        + counts.getOrDefault(NOT_MEASURED, 0)
        + " not measured."
        + (notMet.isEmpty() ? "" : " Not met: " + String.join("; ", notMet) + ".");
  }

  /** The report's Targets section: every row of {@code rows} with its verdict. */
  static String section(List<String[]> rows) {
    StringBuilder md =
        new StringBuilder(
            """
            ## Targets (issue 7, item 6) against these figures

            Medians and means from this run only; on a shared 2-core machine a single run can \
            miss or meet a target by noise alone: judge by the spreads above.

            | what | target | measured | |
            |---|---|---:|---|
            """);
    for (String[] row : rows) {
      md.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    return md.append('\n').toString();
  }

  /**
   * The added ns/op the issue allows {@code benchmark} (a JMH "Class.method"): 300 per executor
   * task, 150 per JDBC statement or Redis command; NaN for a benchmark of none of these.
   */
  static double limitNs(String benchmark) {
    return switch (group(benchmark)) {
      case "executor" -> 300;
      case "jdbc", "lettuce", "pipeline" -> 150;
      default -> Double.NaN;
    };
  }

  /** Which of the per-call targets {@code benchmark} measures, by its class's name. */
  private static String group(String benchmark) {
    String lower = benchmark.toLowerCase(Locale.ROOT);
    for (String group : new String[] {"pipeline", "jdbc", "lettuce", "executor"}) {
      if (lower.contains(group)) {
        return group;
      }
    }
    return "";
  }

  private static void perCall(List<String[]> rows, List<Object> results, String group) {
    for (Object o : results) {
      Map<String, Object> row = map(o);
      String name = String.valueOf(row.get("benchmark"));
      if (!group(name).equals(group)) {
        continue;
      }
      double limitNs = limitNs(name);
      Map<String, Object> modes = map(row.get("modes"));
      Map<String, Object> agent = map(modes.get("agent"));
      Map<String, Object> none = map(modes.get("none"));
      double added = num(agent.get("added"));
      double error = agent.containsKey("added_error") ? num(agent.get("added_error")) : 0;
      String measured = fmt(added, "%.0f ns") + (error > 0 ? fmt(error, " ± %.0f") : "");
      String[] addedRow =
          row(name + ": added", "< " + (int) limitNs + " ns", measured, added < limitNs);
      // A verdict needs the whole confidence interval on one side of the limit.
      if (added - error < limitNs && added + error >= limitNs) {
        addedRow[3] = INCONCLUSIVE;
      }
      rows.add(addedRow);
      double ratio = num(row.get("ratio_to_otel"));
      String[] ratioRow =
          row(name + ": share of OTel's added cost", "≤ 0.10", fmt(ratio, "%.2f"), ratio <= 0.10);
      if (Double.isNaN(ratio)) {
        // Overhead leaves the ratio out where OpenTelemetry's added cost is within its spread.
        ratioRow[2] = "none: OTel's added cost is within its spread";
        ratioRow[3] = INCONCLUSIVE;
      } else if (Math.abs(added) < error) {
        ratioRow[3] = INCONCLUSIVE;
      }
      rows.add(ratioRow);
      rows.add(allocationRow(name, agent, none));
    }
  }

  /**
   * Judged on what the agent's own code allocates where that was sampled: the whole fork's
   * difference from no agent moves with the driver's own allocation from fork to fork.
   */
  private static String[] allocationRow(
      String name, Map<String, Object> agent, Map<String, Object> none) {
    double added = num(agent.get("alloc_bytes_per_op")) - num(none.get("alloc_bytes_per_op"));
    double agentCode = num(agent.get("agent_code_alloc_bytes_per_op"));
    if (Double.isNaN(agentCode)) {
      return row(
          name + ": allocation added",
          "0 B/op",
          fmt(added, "%.0f B/op"),
          added < ALLOC_NOISE_BYTES);
    }
    return row(
        name + ": allocation by the agent's code (whole process: added)",
        "0 B/op",
        fmt(agentCode, "%.1f B/op") + fmt(added, " (%+.0f B/op)"),
        agentCode < AGENT_CODE_NONE_BYTES);
  }

  private static double added(Map<String, Object> modes, String figure) {
    double agent = num(map(map(modes.get("agent")).get(figure)).get("median"));
    double none = num(map(map(modes.get("none")).get(figure)).get("median"));
    return agent - none;
  }

  private static String[] row(String what, String target, String measured, boolean met) {
    boolean known = !measured.startsWith("not measured");
    return new String[] {what, target, measured, known ? (met ? MET : NOT_MET) : NOT_MEASURED};
  }

  private static String fmt(double v, String format) {
    return Double.isNaN(v) ? "not measured" : String.format(format, v);
  }
}
