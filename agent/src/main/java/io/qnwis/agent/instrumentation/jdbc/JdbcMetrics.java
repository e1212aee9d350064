package io.qnwis.agent.instrumentation.jdbc;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.qnwis.agent.metrics.AgentMetrics;
import io.qnwis.agent.metrics.LabelValues;
import io.qnwis.agent.metrics.MetricNames;

/**
 * The JDBC metric families, with every data point the hot path touches resolved up front: one per
 * operation for latency, errors and slow queries (the six operations are a closed set), and capped
 * caches for the rule and pool labels. Statement latency is a {@link NanosHistogram}, the cheaper
 * to record on the per-statement hot path.
 */
final class JdbcMetrics {

  private final NanosHistogram.Series[] latency;
  private final CounterDataPoint[] errors;
  private final CounterDataPoint[] slow;
  private final LabelValues<CounterDataPoint> timeoutsApplied;
  private final LabelValues<DistributionDataPoint> poolAcquire;

  JdbcMetrics(AgentMetrics metrics) {
    SqlOperation[] operations = SqlOperation.values();
    String[] operationLabels = new String[operations.length];
    for (SqlOperation operation : operations) {
      operationLabels[operation.ordinal()] = operation.label();
    }
    NanosHistogram latencyFamily =
        new NanosHistogram(
            MetricNames.DB_LATENCY,
            "JDBC statement execution time by operation, failures included",
            "operation",
            AgentMetrics.LATENCY_BUCKETS,
            operationLabels);
    metrics.registry().register(latencyFamily);
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
    Histogram acquireFamily =
        metrics.latencyHistogram(
            MetricNames.DB_POOL_ACQUIRE,
            "Time to get a connection from a javax.sql.DataSource, by pool name",
            "pool");
    latency = new NanosHistogram.Series[operations.length];
    errors = new CounterDataPoint[operations.length];
    slow = new CounterDataPoint[operations.length];
    for (SqlOperation operation : operations) {
      latency[operation.ordinal()] = latencyFamily.series(operation.ordinal());
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

  DistributionDataPoint poolAcquire(String pool) {
    return poolAcquire.get(pool);
  }
}
