package io.qnwis.bench.load;

import java.time.Duration;
import java.util.Map;

/**
 * What one scenario's run measured. Latencies are of successful requests, in seconds; {@code cache}
 * and {@code pool} are null when no metrics URL was given or the agent exposed nothing.
 */
record ScenarioResult(
    Scenario scenario,
    int successes,
    int errors,
    int timeouts,
    Map<String, Integer> errorKinds,
    double elapsedSeconds,
    Percentiles latency,
    Duration target,
    double maxErrorRate,
    Cache cache,
    Pool pool) {

  /** Cache hits and misses the agent counted during this scenario (deltas of its counters). */
  record Cache(double hits, double misses) {
    double hitRatio() {
      double total = hits + misses;
      return total == 0 ? Double.NaN : hits / total;
    }
  }

  /** JDBC pool connections in use, sampled while the scenario ran. */
  record Pool(double activeMean, double activePeak, double max) {
    double utilizationMean() {
      return max > 0 ? activeMean / max : Double.NaN;
    }

    double utilizationPeak() {
      return max > 0 ? activePeak / max : Double.NaN;
    }
  }

  int requests() {
    return successes + errors + timeouts;
  }

  double errorRate() {
    return requests() == 0 ? 0 : (double) errors / requests();
  }

  double timeoutRate() {
    return requests() == 0 ? 0 : (double) timeouts / requests();
  }

  double throughput() {
    return elapsedSeconds <= 0 ? 0 : successes / elapsedSeconds;
  }

  double p95() {
    return latency.percentile(95);
  }

  /** p95 within target, and errors plus timeouts within the allowed rate. */
  boolean targetMet() {
    return latency.count() > 0
        && p95() <= target.toNanos() / 1e9
        && errorRate() + timeoutRate() <= maxErrorRate;
  }
}
