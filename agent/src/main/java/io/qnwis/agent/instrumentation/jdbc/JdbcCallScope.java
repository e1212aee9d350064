package io.qnwis.agent.instrumentation.jdbc;

import io.qnwis.agent.bootstrap.jdbc.JdbcHook;
import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.metrics.AgentErrors;
import io.qnwis.agent.policy.jdbc.QueryTimeoutPolicy;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What happens around each JDBC call the advice intercepts: SQL attached to statements at prepare
 * time, the timeout policy before execution, latency, errors, slow queries and per-statement
 * statistics after it, and connection acquisition. Every entry point catches its own failures and
 * reports them to {@link AgentErrors}: the service's call goes on untouched.
 */
public final class JdbcCallScope implements JdbcHook {

  static final String COMPONENT = "jdbc";
  static final int MAX_STATEMENTS = 16_384;
  static final int MAX_SQL_TEXTS = 4_096;
  static final int MAX_QUERY_STATS = 500;

  /** What the agent remembers about one live statement object. */
  static final class TrackedStatement extends WeakIdentityTable.Entry {
    volatile SqlInfo sql;
    volatile int timeoutSetByAgent;

    /**
     * The decision under which the statement's timeout was last checked and found to be the
     * policy's; null once anything sets the statement's timeout again (setQueryTimeout is
     * intercepted). Kept small: one of these is allocated per prepared statement.
     */
    volatile SqlInfo.Timeout checked;

    TrackedStatement(Object statement, SqlInfo sql) {
      super(statement);
      this.sql = sql;
    }
  }

  private final WeakIdentityTable<TrackedStatement> statements =
      new WeakIdentityTable<>(MAX_STATEMENTS);
  private final QueryStatsTable queryStats = new QueryStatsTable(MAX_QUERY_STATS);
  private final SqlCache sqlCache = new SqlCache(MAX_SQL_TEXTS, queryStats);
  private final SlowQueryLog slowLog = new SlowQueryLog();
  private final JdbcMetrics metrics;
  private final ConnectionPools pools;
  private final AgentErrors errors;

  private volatile QueryTimeoutPolicy policy = QueryTimeoutPolicy.NONE;

  /** Once a policy was in force, statements may carry a timeout the agent must undo on reload. */
  private volatile boolean policyEverActive;

  private volatile long slowThresholdNanos =
      AgentConfig.JdbcConfig.DEFAULT_SLOW_QUERY_THRESHOLD.toNanos();

  JdbcCallScope(JdbcMetrics metrics, ConnectionPools pools, AgentErrors errors) {
    this.metrics = metrics;
    this.pools = pools;
    this.errors = errors;
  }

  /** Applies (re)loaded config: timeout rules and slow-query threshold. */
  void configure(AgentConfig.JdbcConfig config) {
    QueryTimeoutPolicy next = QueryTimeoutPolicy.from(config);
    policyEverActive |= next.active();
    policy = next;
    slowThresholdNanos = config.slowQueryThreshold().toNanos();
  }

  String queriesJson() {
    return queryStats.toJson(50);
  }

  @Override
  public void sqlAttached(Object statement, String sql) {
    try {
      SqlInfo info = sqlCache.get(sql);
      TrackedStatement tracked = statements.get(statement);
      if (tracked == null) {
        statements.put(new TrackedStatement(statement, info));
      } else {
        tracked.sql = info;
      }
    } catch (Throwable e) {
      errors.report(COMPONENT, e);
    }
  }

  @Override
  public Object beforeExecute(Object statement, String sql) {
    try {
      TrackedStatement tracked = null;
      SqlInfo info;
      if (sql != null) {
        info = sqlCache.get(sql);
      } else {
        tracked = statements.get(statement);
        info = tracked == null || tracked.sql == null ? SqlInfo.UNKNOWN : tracked.sql;
      }
      if (policyEverActive) {
        applyTimeout((Statement) statement, info, tracked);
      }
      return info;
    } catch (Throwable e) {
      errors.report(COMPONENT, e);
      return SqlInfo.UNKNOWN;
    }
  }

  @Override
  public void afterExecute(Object sqlInfo, long startNanos, Throwable error) {
    try {
      long nanos = System.nanoTime() - startNanos;
      SqlInfo info = (SqlInfo) sqlInfo;
      SqlOperation operation = info.operation();
      metrics.latency(operation).observe(nanos);
      if (error != null) {
        metrics.errors(operation).inc();
      }
      QueryStats stats = info.stats();
      if (stats != null) {
        stats.record(nanos);
      }
      long threshold = slowThresholdNanos;
      if (nanos > threshold) {
        metrics.slow(operation).inc();
        slowLog.log(info, nanos, threshold);
      }
    } catch (Throwable e) {
      errors.report(COMPONENT, e);
    }
  }

  @Override
  public void statementClosed(Object statement) {
    try {
      statements.remove(statement);
    } catch (Throwable e) {
      errors.report(COMPONENT, e);
    }
  }

  @Override
  public void queryTimeoutSet(Object statement) {
    try {
      TrackedStatement tracked = statements.get(statement);
      if (tracked != null) {
        tracked.checked = null;
      }
    } catch (Throwable e) {
      errors.report(COMPONENT, e);
    }
  }

  @Override
  public void connectionAcquired(
      Object dataSource, long startNanos, Object connection, Throwable error) {
    try {
      pools.acquired(dataSource, System.nanoTime() - startNanos, connection);
    } catch (Throwable e) {
      errors.report(COMPONENT, e);
    }
  }

  @Override
  public void connectionClosing(Object connection) {
    try {
      pools.closing(connection);
    } catch (Throwable e) {
      errors.report(COMPONENT, e);
    }
  }

  /**
   * Sets the policy's timeout on the statement unless the service set a shorter one itself; undoes
   * a timeout the agent set earlier when no rule applies any more (after a reload). A statement
   * found under the policy's timeout for the same decision, whose timeout nothing has set since, is
   * not asked again.
   */
  private void applyTimeout(Statement statement, SqlInfo info, TrackedStatement tracked)
      throws SQLException {
    SqlInfo.Timeout decision = decision(info);
    if (tracked == null) {
      tracked = statements.get(statement);
    }
    if (tracked != null && tracked.checked == decision) {
      decision.applied().inc();
      return;
    }
    int setByAgent = tracked == null ? 0 : tracked.timeoutSetByAgent;
    int wanted = decision.seconds();
    if (wanted == 0 && setByAgent == 0) {
      return;
    }
    int current;
    try {
      current = statement.getQueryTimeout();
    } catch (SQLException closed) {
      return; // a closed statement: its execute throws the same to the service
    }
    int toSet = QueryTimeoutPolicy.timeoutToSet(wanted, current, setByAgent);
    if (toSet >= 0) {
      statement.setQueryTimeout(toSet); // not reported to queryTimeoutSet: the check is set below
      if (tracked == null) {
        tracked = statements.put(new TrackedStatement(statement, null));
      }
      tracked.timeoutSetByAgent = toSet;
    }
    boolean governs = QueryTimeoutPolicy.governs(wanted, current, setByAgent);
    if (governs) {
      decision.applied().inc();
    }
    if (tracked != null) {
      // A statement under the service's own shorter timeout is checked at every execution.
      tracked.checked = governs ? decision : null;
    }
  }

  private SqlInfo.Timeout decision(SqlInfo info) {
    QueryTimeoutPolicy current = policy;
    SqlInfo.Timeout cached = info.timeout();
    if (cached != null && cached.policy() == current) {
      return cached;
    }
    QueryTimeoutPolicy.Decision decision = current.decide(info.normalized());
    SqlInfo.Timeout fresh =
        decision == null
            ? new SqlInfo.Timeout(current, 0, null)
            : new SqlInfo.Timeout(
                current, decision.seconds(), metrics.timeoutApplied(decision.rule()));
    info.timeout(fresh);
    return fresh;
  }

  // For tests.
  int trackedStatements() {
    return statements.size();
  }

  SqlInfo sqlOf(Object statement) {
    TrackedStatement tracked = statements.get(statement);
    return tracked == null ? null : tracked.sql;
  }
}
