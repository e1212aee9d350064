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
   * A timeout decision for one SQL text ({@code info}), cached against the policy instance it was
   * taken under, and the statement states ({@link StatementState}) whose timeout it set. Those are
   * made once here and shared: for statements prepared with {@code info} (the common case), for
   * statements with no known SQL (a plain statement executing SQL text), and for one other SQL at a
   * time (a plain statement whose batch SQL differs from the text it executed).
   */
  static final class Timeout {
    private final SqlInfo info;
    private final QueryTimeoutPolicy policy;
    private final int seconds;
    private final CounterDataPoint applied;
    private final StatementState checked;
    private final StatementState unchecked;
    private final StatementState checkedWithoutSql;
    private final StatementState uncheckedWithoutSql;
    private volatile StatementState otherSql;

    Timeout(SqlInfo info, QueryTimeoutPolicy policy, int seconds, CounterDataPoint applied) {
      this.info = info;
      this.policy = policy;
      this.seconds = seconds;
      this.applied = applied;
      this.checked = new StatementState(info, this, true);
      this.unchecked = new StatementState(info, this, false);
      this.checkedWithoutSql = new StatementState(null, this, true);
      this.uncheckedWithoutSql = new StatementState(null, this, false);
    }

    QueryTimeoutPolicy policy() {
      return policy;
    }

    int seconds() {
      return seconds;
    }

    /** Null when no timeout applies ({@code seconds} is 0). */
    CounterDataPoint applied() {
      return applied;
    }

    /** The state of a statement with {@code sql} whose timeout this decision set. */
    StatementState state(SqlInfo sql, boolean isChecked) {
      if (sql == info) {
        return isChecked ? checked : unchecked;
      }
      if (sql == null) {
        return isChecked ? checkedWithoutSql : uncheckedWithoutSql;
      }
      StatementState last = otherSql;
      if (last != null && last.sql == sql && last.checked == isChecked) {
        return last;
      }
      last = new StatementState(sql, this, isChecked);
      otherSql = last;
      return last;
    }
  }

  private final String normalized;
  private final SqlOperation operation;
  private final QueryStats stats;
  private final StatementState plain = new StatementState(this, null, false);
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

  /** The state of a statement with this SQL on which the agent set no timeout. */
  StatementState plain() {
    return plain;
  }

  Timeout timeout() {
    return timeout;
  }

  void timeout(Timeout value) {
    this.timeout = value;
  }
}
