package io.qnwis.agent.instrumentation.jdbc;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.qnwis.agent.metrics.AgentMetrics;
import io.qnwis.agent.metrics.LabelValues;
import io.qnwis.agent.metrics.MetricNames;
import io.qnwis.agent.metrics.NanosHistogram;

/**
 * The JDBC metric families, with every data point the hot path touches resolved up front: one per
 * operation for latency, errors and slow queries (the six operations are a closed set), and capped
 * caches for the rule and pool labels.
 */
final class JdbcMetrics {

  private final NanosHistogram.Series[] latency;
  private final CounterDataPoint[] errors;
  private final CounterDataPoint[] slow;
  private final LabelValues<CounterDataPoint> timeoutsApplied;
  private final LabelValues<NanosHistogram.Series> poolAcquire;

  JdbcMetrics(AgentMetrics metrics) {
    NanosHistogram latencyFamily =
        metrics.nanosHistogram(
            MetricNames.DB_LATENCY,
            "JDBC statement execution time by operation, failures included",
            "operation");
    Counter errorFamily =
        metrics.counter(
            MetricNames.DB_ERRORS,
            "JDBC statement executions that threw, by operation",
            "operation");
    Counter slowFamily =
        metrics.counter(
            MetricNames.DB_SLOW_QUERIES,
            "JDBC statement executions slower than jdbc.slow_query_threshold, by operation",
            "operation");
    Counter timeoutFamily =
        metrics.counter(
            MetricNames.DB_TIMEOUTS_APPLIED,
            "Statement executions run under the agent's query timeout, by rule glob (or default)",
            "rule");
    NanosHistogram acquireFamily =
        metrics.nanosHistogram(
            MetricNames.DB_POOL_ACQUIRE,
            "Time to get a connection from a javax.sql.DataSource, by pool name",
            "pool");
    SqlOperation[] operations = SqlOperation.values();
    latency = new NanosHistogram.Series[operations.length];
    errors = new CounterDataPoint[operations.length];
    slow = new CounterDataPoint[operations.length];
    for (SqlOperation operation : operations) {
      latency[operation.ordinal()] = latencyFamily.labelValues(operation.label());
      errors[operation.ordinal()] = errorFamily.labelValues(operation.label());
      slow[operation.ordinal()] = slowFamily.labelValues(operation.label());
    }
    timeoutsApplied = metrics.capped(timeoutFamily::labelValues);
    poolAcquire = metrics.capped(acquireFamily::labelValues);
  }

  NanosHistogram.Series latency(SqlOperation operation) {
    return latency[operation.ordinal()];
  }

  CounterDataPoint errors(SqlOperation operation) {
    return errors[operation.ordinal()];
  }

  CounterDataPoint slow(SqlOperation operation) {
    return slow[operation.ordinal()];
  }

  CounterDataPoint timeoutApplied(String rule) {
    return timeoutsApplied.get(rule);
  }

  NanosHistogram.Series poolAcquire(String pool) {
    return poolAcquire.get(pool);
  }
}
