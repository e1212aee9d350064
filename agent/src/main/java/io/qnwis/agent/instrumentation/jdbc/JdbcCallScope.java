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
   * own (it loaded before the agent): the same value, in an entry of a weak identity table.
   *
   * <p>The value is a {@link StatementState} (null: nothing known), immutable and shared, so a
   * statement's state changes by swapping it: with its own field, a statement costs no allocation.
   */
  static final class TrackedStatement extends WeakIdentityTable.Entry implements StatementFields {
    private volatile Object state;

    TrackedStatement(Object statement) {
      super(statement);
    }

    @Override
    public Object qnwis$state() {
      return state;
    }

    @Override
    public void qnwis$state(Object value) {
      state = value;
    }
  }

  private final WeakIdentityTable<TrackedStatement> statements =
      new WeakIdentityTable<>(MAX_STATEMENTS);
  private final QueryStatsTable queryStats = new QueryStatsTable(MAX_QUERY_STATS);
  private final SqlCache sqlCache = new SqlCache(MAX_SQL_TEXTS, queryStats);
  private final SlowQueryLog slowLog = new SlowQueryLog();
  private final ConnectionTimeouts connectionTimeouts = new ConnectionTimeouts();
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
      StatementState state = (StatementState) fields.qnwis$state();
      if (state == null || state.sql != info) {
        fields.qnwis$state(StatementState.withSql(state, info));
      }
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
        StatementState state = fields == null ? null : (StatementState) fields.qnwis$state();
        info = state == null || state.sql == null ? SqlInfo.UNKNOWN : state.sql;
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
        own.qnwis$state(null);
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
      if (fields != null && fields.qnwis$state() instanceof StatementState state && state.checked) {
        fields.qnwis$state(state.origin.state(state.sql, false));
      }
      if (connectionTimeouts.anySet() && statement instanceof Statement own) {
        connectionTimeouts.serviceSet(ConnectionTimeouts.connectionOf(own));
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
   * not asked again, unless its driver keeps the timeout per connection ({@link
   * ConnectionTimeouts}), where another statement may have changed it since.
   */
  private void applyTimeout(Statement statement, SqlInfo info, StatementFields fields)
      throws SQLException {
    SqlInfo.Timeout decision = decision(info);
    if (fields == null) {
      fields = fields(statement);
    }
    StatementState state = fields == null ? null : (StatementState) fields.qnwis$state();
    boolean perConnection = connectionTimeouts.perConnection();
    if (!perConnection && state != null && state.checked && state.origin == decision) {
      decision.applied().inc();
      return;
    }
    int setByAgent = StatementState.setByAgent(state);
    int wanted = decision.seconds();
    if (wanted == 0 && setByAgent == 0 && !connectionTimeouts.anySet()) {
      return;
    }
    int current;
    try {
      current = statement.getQueryTimeout();
    } catch (SQLException closed) {
      return; // a closed statement: its execute throws the same to the service
    }
    if (perConnection && state != null && state.origin == decision && current == wanted) {
      decision.applied().inc(); // the connection still has what the agent set for this decision
      return;
    }
    Object connection = null;
    ConnectionTimeouts.SetByAgent onConnection = null;
    if (perConnection || (current != 0 && current != setByAgent)) {
      // A timeout neither the agent set on this statement nor the service (the advice on
      // setQueryTimeout would have said so): if the agent set it through another statement of the
      // same connection, the driver keeps one per connection, and it is the agent's. Once that
      // was seen, the connection's record alone says whose the timeout found is.
      connection = ConnectionTimeouts.connectionOf(statement);
      onConnection = connectionTimeouts.record(connection);
      int setOnConnection = ConnectionTimeouts.seconds(onConnection);
      if (setOnConnection != 0 && setOnConnection == current) {
        connectionTimeouts.perConnectionSeen();
        setByAgent = current;
      } else if (perConnection) {
        setByAgent = 0; // the connection's timeout is not the agent's last: the service's own
      }
    }
    int toSet = QueryTimeoutPolicy.timeoutToSet(wanted, current, setByAgent);
    if (toSet >= 0) {
      statement.setQueryTimeout(toSet); // not reported to queryTimeoutSet: the state is set below
      if (fields == null) {
        fields = statements.put(new TrackedStatement(statement));
      }
      if (connection == null) {
        connection = ConnectionTimeouts.connectionOf(statement);
        onConnection = connectionTimeouts.record(connection);
      }
      connectionTimeouts.agentSet(connection, onConnection, toSet);
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
      StatementState next;
      if (governs) {
        next = StatementState.withTimeout(state, decision, true);
      } else if (toSet == 0) {
        next = StatementState.withTimeout(state, null, false);
      } else {
        next = state == null ? null : StatementState.withTimeout(state, state.origin, false);
      }
      if (next != state) {
        fields.qnwis$state(next);
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
            ? new SqlInfo.Timeout(info, current, 0, null)
            : new SqlInfo.Timeout(
                info, current, decision.seconds(), metrics.timeoutApplied(decision.rule()));
    info.timeout(fresh);
    return fresh;
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
    StatementState state = stateOf(statement);
    return state == null ? null : state.sql;
  }

  StatementState stateOf(Object statement) {
    StatementFields fields = fields(statement);
    return fields == null ? null : (StatementState) fields.qnwis$state();
  }
}
