package io.qnwis.agent.instrumentation.jdbc;

import io.qnwis.agent.bootstrap.jdbc.JdbcHook;
import io.qnwis.agent.bootstrap.jdbc.StatementFields;
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

  /**
   * What the agent remembers about a statement whose class has no {@link StatementFields} of its
   * own (it loaded before the agent): the same two values, in an entry of a weak identity table.
   *
   * <p>Both values are immutable and shared, so a statement's state changes by swapping them: with
   * its own fields, a statement costs no allocation. The SQL is a {@link SqlInfo} (null: unknown).
   * The timeout state is null (the agent set no timeout on it), a {@link SqlInfo.Timeout} (the
   * agent set its seconds and found them in force under that decision, nothing having set the
   * statement's timeout since) or a {@link SqlInfo.Unchecked} (the agent set one; check again).
   */
  static final class TrackedStatement extends WeakIdentityTable.Entry implements StatementFields {
    private volatile Object sql;
    private volatile Object timeout;

    TrackedStatement(Object statement) {
      super(statement);
    }

    @Override
    public Object qnwis$sql() {
      return sql;
    }

    @Override
    public void qnwis$sql(Object value) {
      sql = value;
    }

    @Override
    public Object qnwis$timeout() {
      return timeout;
    }

    @Override
    public void qnwis$timeout(Object value) {
      timeout = value;
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
      StatementFields fields = fields(statement);
      if (fields == null) {
        fields = statements.put(new TrackedStatement(statement));
      }
      fields.qnwis$sql(info);
    } catch (Throwable e) {
      errors.report(COMPONENT, e);
    }
  }

  @Override
  public Object beforeExecute(Object statement, String sql) {
    try {
      StatementFields fields = null;
      SqlInfo info;
      if (sql != null) {
        info = sqlCache.get(sql);
      } else {
        fields = fields(statement);
        Object known = fields == null ? null : fields.qnwis$sql();
        info = known == null ? SqlInfo.UNKNOWN : (SqlInfo) known;
      }
      if (policyEverActive) {
        applyTimeout((Statement) statement, info, fields);
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
      if (statement instanceof StatementFields own) {
        // A driver may hand the same object out again (a statement cache): it starts afresh.
        own.qnwis$sql(null);
        own.qnwis$timeout(null);
      } else {
        statements.remove(statement);
      }
    } catch (Throwable e) {
      errors.report(COMPONENT, e);
    }
  }

  @Override
  public void queryTimeoutSet(Object statement) {
    try {
      StatementFields fields = fields(statement);
      if (fields != null && fields.qnwis$timeout() instanceof SqlInfo.Timeout checked) {
        fields.qnwis$timeout(checked.unchecked());
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
  private void applyTimeout(Statement statement, SqlInfo info, StatementFields fields)
      throws SQLException {
    SqlInfo.Timeout decision = decision(info);
    if (fields == null) {
      fields = fields(statement);
    }
    Object state = fields == null ? null : fields.qnwis$timeout();
    if (state == decision) {
      decision.applied().inc();
      return;
    }
    int setByAgent = setByAgent(state);
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
      statement.setQueryTimeout(toSet); // not reported to queryTimeoutSet: the state is set below
      if (fields == null) {
        fields = statements.put(new TrackedStatement(statement));
      }
    }
    boolean governs = QueryTimeoutPolicy.governs(wanted, current, setByAgent);
    if (governs) {
      decision.applied().inc();
    }
    if (fields != null) {
      // Governing, the agent has set the decision's seconds (the policy's timeout is in force).
      // Else it set nothing or undid its timeout (set 0): what it set before, if anything, stays
      // and is checked again at every execution (a statement under the service's own shorter
      // timeout).
      Object next;
      if (governs) {
        next = decision;
      } else if (toSet == 0) {
        next = null;
      } else {
        next = state instanceof SqlInfo.Timeout checked ? checked.unchecked() : state;
      }
      if (next != state) {
        fields.qnwis$timeout(next);
      }
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

  /** The seconds the agent last set on a statement in timeout {@code state} (0 if none). */
  private static int setByAgent(Object state) {
    if (state instanceof SqlInfo.Timeout checked) {
      return checked.seconds();
    }
    return state instanceof SqlInfo.Unchecked unchecked ? unchecked.setByAgent() : 0;
  }

  /** The statement's own fields, else its table entry (null if it has none). */
  private StatementFields fields(Object statement) {
    return statement instanceof StatementFields own ? own : statements.get(statement);
  }

  // For tests.
  int trackedStatements() {
    return statements.size();
  }

  SqlInfo sqlOf(Object statement) {
    StatementFields fields = fields(statement);
    return fields == null ? null : (SqlInfo) fields.qnwis$sql();
  }
}
