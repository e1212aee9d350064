package io.qnwis.bench.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This run against an earlier results file: p95 and throughput per scenario, with the change in
 * percent. A p95 more than {@value #TOLERANCE_PCT}% higher is "worse", more than that lower is
 * "better"; load tests on shared machines are noisy, so smaller changes count as "same".
 */
final class BaselineComparison {

  static final double TOLERANCE_PCT = 10;

  private BaselineComparison() {}

  /** Compares; scenarios missing from the baseline are listed as such. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> compare(Object baseline, String source, List<ScenarioResult> now) {
    if (!(baseline instanceof Map<?, ?> doc) || !(doc.get("scenarios") instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(
          source + ": not a results file of this benchmark (no \"scenarios\" object)");
    }
    Map<String, Object> before = (Map<String, Object>) doc.get("scenarios");
    Map<String, Object> comparisons = new LinkedHashMap<>();
    for (ScenarioResult result : now) {
      Map<String, Object> c = new LinkedHashMap<>();
      Object old = before.get(result.scenario().id());
      if (!(old instanceof Map<?, ?> oldScenario)) {
        c.put("verdict", "not in baseline");
        comparisons.put(result.scenario().id(), c);
        continue;
      }
      double oldP95 = number(((Map<String, Object>) oldScenario).get("latency_seconds"), "p95");
      double oldRps = number(oldScenario, "throughput_rps");
      double p95Change = change(oldP95, result.p95());
      c.put("p95_seconds_baseline", oldP95);
      c.put("p95_seconds_now", result.p95());
      c.put("p95_change_pct", p95Change);
      c.put("throughput_rps_baseline", oldRps);
      c.put("throughput_rps_now", result.throughput());
      c.put("throughput_change_pct", change(oldRps, result.throughput()));
      c.put(
          "verdict",
          Double.isNaN(p95Change)
              ? "unknown"
              : p95Change > TOLERANCE_PCT
                  ? "worse"
                  : p95Change < -TOLERANCE_PCT ? "better" : "same");
      comparisons.put(result.scenario().id(), c);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("file", source);
    out.put("scenarios", comparisons);
    return out;
  }

  private static double number(Object map, String key) {
    if (map instanceof Map<?, ?> m && m.get(key) instanceof Number n) {
      return n.doubleValue();
    }
    return Double.NaN;
  }

  private static double change(double before, double now) {
    return before > 0 && !Double.isNaN(now) ? 100 * (now - before) / before : Double.NaN;
  }
}
