package io.qnwis.agent.instrumentation.jdbc;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.qnwis.agent.policy.jdbc.QueryTimeoutPolicy;

/**
 * What the agent knows about one SQL text, computed once: normalized form, operation, statistics,
 * and the timeout decision of the policy last seen (recomputed only after a config reload).
 */
final class SqlInfo {

  /** A statement whose SQL the agent never saw (prepared before attach, or evicted). */
  static final SqlInfo UNKNOWN = new SqlInfo(null, SqlOperation.OTHER, null);

  /**
   * A timeout decision cached against the policy instance it was taken under. It is also a
   * statement's timeout state (see {@link JdbcCallScope}): the agent set {@code seconds} on it and
   * found that timeout in force under this decision, nothing having set it since. {@code unchecked}
   * is the state once something sets the statement's timeout again: made once, shared.
   */
  record Timeout(
      QueryTimeoutPolicy policy, int seconds, CounterDataPoint applied, Unchecked unchecked) {

    Timeout(QueryTimeoutPolicy policy, int seconds, CounterDataPoint applied) {
      this(policy, seconds, applied, new Unchecked(seconds));
    }
  }

  /**
   * A statement's timeout state: the agent set {@code setByAgent} seconds on it, and will check the
   * statement's timeout again at its next execution.
   */
  record Unchecked(int setByAgent) {}

  private final String normalized;
  private final SqlOperation operation;
  private final QueryStats stats;
  private volatile Timeout timeout;

  SqlInfo(String normalized, SqlOperation operation, QueryStats stats) {
    this.normalized = normalized;
    this.operation = operation;
    this.stats = stats;
  }

  /** Null for {@link #UNKNOWN}. */
  String normalized() {
    return normalized;
  }

  SqlOperation operation() {
    return operation;
  }

  /** Null for {@link #UNKNOWN}. */
  QueryStats stats() {
    return stats;
  }

  Timeout timeout() {
    return timeout;
  }

  void timeout(Timeout value) {
    this.timeout = value;
  }
}
