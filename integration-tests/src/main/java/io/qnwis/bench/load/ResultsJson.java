package io.qnwis.bench.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The results document written by {@code --output} and read back as a {@code --baseline}. */
final class ResultsJson {

  private ResultsJson() {}

  static Map<String, Object> document(
      BenchmarkOptions options, List<ScenarioResult> results, Map<String, Object> comparison) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("tool", "qnwis-load-benchmark");
    doc.put("base_url", options.baseUrl().toString());
    doc.put("metrics_url", options.metricsUrl() == null ? null : options.metricsUrl().toString());
    doc.put("users", options.users());
    doc.put(
        "requests_per_scenario",
        options.requests() == Integer.MAX_VALUE ? null : options.requests());
    doc.put("keys_per_scenario", options.keys());
    doc.put(
        "duration_per_scenario_seconds",
        options.duration() == null ? null : options.duration().toMillis() / 1e3);
    doc.put("passed", results.stream().allMatch(ScenarioResult::targetMet));
    Map<String, Object> scenarios = new LinkedHashMap<>();
    for (ScenarioResult result : results) {
      scenarios.put(result.scenario().id(), scenario(result));
    }
    doc.put("scenarios", scenarios);
    if (comparison != null) {
      doc.put("baseline", comparison);
    }
    return doc;
  }

  static Map<String, Object> scenario(ScenarioResult r) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("requests", r.requests());
    s.put("successes", r.successes());
    s.put("errors", r.errors());
    s.put("timeouts", r.timeouts());
    s.put("error_rate", r.errorRate());
    s.put("timeout_rate", r.timeoutRate());
    s.put("error_kinds", new LinkedHashMap<>(r.errorKinds()));
    s.put("elapsed_seconds", r.elapsedSeconds());
    s.put("throughput_rps", r.throughput());
    Map<String, Object> latency = new LinkedHashMap<>();
    latency.put("min", r.latency().min());
    latency.put("mean", r.latency().mean());
    latency.put("p50", r.latency().percentile(50));
    latency.put("p90", r.latency().percentile(90));
    latency.put("p95", r.latency().percentile(95));
    latency.put("p99", r.latency().percentile(99));
    latency.put("max", r.latency().max());
    s.put("latency_seconds", latency);
    s.put("target_p95_seconds", r.target().toMillis() / 1e3);
    s.put("target_met", r.targetMet());
    Map<String, Object> cache = null;
    if (r.cache() != null) {
      cache = new LinkedHashMap<>();
      cache.put("hits", r.cache().hits());
      cache.put("misses", r.cache().misses());
      cache.put("hit_ratio", r.cache().hitRatio());
    }
    s.put("cache", cache);
    Map<String, Object> pool = null;
    if (r.pool() != null) {
      pool = new LinkedHashMap<>();
      pool.put("active_mean", r.pool().activeMean());
      pool.put("active_peak", r.pool().activePeak());
      pool.put("max", r.pool().max());
      pool.put("utilization_mean", r.pool().utilizationMean());
      pool.put("utilization_peak", r.pool().utilizationPeak());
    }
    s.put("pool", pool);
    return s;
  }
}
