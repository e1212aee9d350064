package io.qnwis.agent.instrumentation.lettuce;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.qnwis.agent.policy.ttl.TtlRule;

/** One cache region: its hit, miss and rewrite counters and the TTL rule in force. */
final class CacheRegion {

  private final String name;
  private final CounterDataPoint hits;
  private final CounterDataPoint misses;
  private final CounterDataPoint rewrites;
  private volatile TtlRule rule;

  CacheRegion(
      String name,
      CounterDataPoint hits,
      CounterDataPoint misses,
      CounterDataPoint rewrites,
      TtlRule rule) {
    this.name = name;
    this.hits = hits;
    this.misses = misses;
    this.rewrites = rewrites;
    this.rule = rule;
  }

  String name() {
    return name;
  }

  TtlRule rule() {
    return rule;
  }

  void rule(TtlRule next) {
    rule = next;
  }

  void hit() {
    hits.inc();
  }

  void miss() {
    misses.inc();
  }

  void rewritten() {
    rewrites.inc();
  }

  double hits() {
    return hits.get();
  }

  double misses() {
    return misses.get();
  }

  double rewrites() {
    return rewrites.get();
  }
}
