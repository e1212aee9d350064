package io.qnwis.agent.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.qnwis.agent.metrics.MetricNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The helper behind the advice, driven directly with real H2 statements. Here their class has no
 * {@code StatementFields} (as for classes loaded before a run-time attach): the scope keeps their
 * state in its table. {@link JdbcCallScopeOwnFieldsTest} runs the same with statements that have.
 */
class JdbcCallScopeTest extends JdbcCallScopeFixture {

  @Test
  void findsThePreparedSqlOfAStatementAtExecution() throws SQLException {
    PreparedStatement statement = prepare("SELECT 1 WHERE 2 = ?");
    scope.sqlAttached(statement, "SELECT 1 WHERE 2 = ?");

    SqlInfo info = (SqlInfo) scope.beforeExecute(statement, null);

    assertThat(info.normalized()).isEqualTo("SELECT ? WHERE ? = ?");
    assertThat(info.operation()).isEqualTo(SqlOperation.SELECT);
  }

  @Test
  void forgetsAClosedStatement() throws SQLException {
    PreparedStatement statement = prepare("SELECT 1");
    scope.sqlAttached(statement, "SELECT 1");
    assertThat(scope.trackedStatements()).isEqualTo(tableEntriesPerStatement());
    assertThat(scope.sqlOf(statement).normalized()).isEqualTo("SELECT ?");

    statement.close();
    scope.statementClosed(statement);

    assertThat(scope.trackedStatements()).isZero();
    assertThat(scope.sqlOf(statement)).isNull();
  }

  @Test
  void aStatementItNeverSawIsUnknownAndCountedAsOther() throws SQLException {
    PreparedStatement statement = prepare("SELECT 1");

    Object info = scope.beforeExecute(statement, null);
    scope.afterExecute(info, System.nanoTime(), null);

    assertThat(info).isSameAs(SqlInfo.UNKNOWN);
    assertThat(value(MetricNames.DB_LATENCY, "operation", "other")).isEqualTo(1);
  }

  @Test
  void countsEachExecutionOnceWithErrorsByOperation() throws SQLException {
    Statement statement = create();
    for (int i = 0; i < 3; i++) {
      Object info = scope.beforeExecute(statement, "DELETE FROM t WHERE id = " + i);
      scope.afterExecute(info, System.nanoTime(), i == 0 ? new SQLException("boom") : null);
    }

    assertThat(value(MetricNames.DB_LATENCY, "operation", "delete")).isEqualTo(3);
    assertThat(value(MetricNames.DB_ERRORS, "operation", "delete")).isEqualTo(1);
    assertThat(value(MetricNames.DB_ERRORS, "operation", "select")).isZero();
  }

  @Test
  void countsSlowQueriesAboveTheThreshold() throws SQLException {
    scope.configure(config(Duration.ofMillis(100), null));
    Statement statement = create();

    Object info = scope.beforeExecute(statement, "SELECT 42");
    scope.afterExecute(info, System.nanoTime() - Duration.ofMillis(150).toNanos(), null);
    scope.afterExecute(info, System.nanoTime(), null);

    assertThat(value(MetricNames.DB_SLOW_QUERIES, "operation", "select")).isEqualTo(1);
  }

  @Test
  void queriesDocumentShowsNormalizedSqlOnly() throws SQLException {
    Statement statement = create();
    Object info = scope.beforeExecute(statement, "SELECT * FROM t WHERE name = 'secret-name'");
    scope.afterExecute(info, System.nanoTime(), null);

    assertThat(scope.queriesJson())
        .contains("SELECT * FROM t WHERE name = ?")
        .doesNotContain("secret-name");
  }

  @Test
  void appliesTheFirstMatchingRuleAsQueryTimeout() throws SQLException {
    scope.configure(
        config(Duration.ofMillis(500), Duration.ofSeconds(30), rule("SELECT * FROM big*", 5)));
    String sql = "SELECT * FROM big_table WHERE a = ?";
    create().execute("CREATE TABLE big_table (a int)");
    PreparedStatement statement = prepare(sql);
    scope.sqlAttached(statement, sql);

    scope.beforeExecute(statement, null);

    assertThat(statement.getQueryTimeout()).isEqualTo(5);
    assertThat(value(MetricNames.DB_TIMEOUTS_APPLIED, "rule", "SELECT * FROM big*")).isEqualTo(1);
  }

  @Test
  void keepsAShorterTimeoutTheServiceSet() throws SQLException {
    scope.configure(config(Duration.ofMillis(500), Duration.ofSeconds(30)));
    Statement statement = create();
    statement.setQueryTimeout(2);

    scope.beforeExecute(statement, "SELECT 1");

    assertThat(statement.getQueryTimeout()).isEqualTo(2);
    assertThat(value(MetricNames.DB_TIMEOUTS_APPLIED, "rule", "default")).isZero();
  }

  @Test
  void givesAReusedStatementEachSqlsOwnTimeout() throws SQLException {
    scope.configure(
        config(Duration.ofMillis(500), Duration.ofSeconds(30), rule("SELECT pg_sleep(*)", 1)));
    Statement statement = create();

    scope.beforeExecute(statement, "SELECT pg_sleep(5)");
    assertThat(statement.getQueryTimeout()).isEqualTo(1);
    scope.beforeExecute(statement, "SELECT 1");
    assertThat(statement.getQueryTimeout()).isEqualTo(30);
  }

  @Test
  void followsAReloadAndUndoesItsTimeoutWhenRulesAreRemoved() throws SQLException {
    PreparedStatement statement = prepare("SELECT 1");
    scope.sqlAttached(statement, "SELECT 1");
    scope.configure(config(Duration.ofMillis(500), null, rule("SELECT *", 3)));
    scope.beforeExecute(statement, null);
    assertThat(statement.getQueryTimeout()).isEqualTo(3);

    scope.configure(config(Duration.ofMillis(500), null, rule("SELECT *", 7)));
    scope.beforeExecute(statement, null);
    assertThat(statement.getQueryTimeout()).isEqualTo(7);

    scope.configure(config(Duration.ofMillis(500), null));
    scope.beforeExecute(statement, null);
    assertThat(statement.getQueryTimeout()).isZero();
  }

  @Test
  void checksTheTimeoutAgainOnceTheStatementsTimeoutWasSet() throws SQLException {
    scope.configure(config(Duration.ofMillis(500), Duration.ofSeconds(30)));
    PreparedStatement statement = prepare("SELECT 1");
    scope.sqlAttached(statement, "SELECT 1");
    scope.beforeExecute(statement, null);
    assertThat(statement.getQueryTimeout()).isEqualTo(30);

    statement.setQueryTimeout(60); // the service's own, longer: the policy's 30 s wins
    scope.queryTimeoutSet(statement);
    scope.beforeExecute(statement, null);

    assertThat(statement.getQueryTimeout()).isEqualTo(30);
    assertThat(value(MetricNames.DB_TIMEOUTS_APPLIED, "rule", "default")).isEqualTo(2);
  }

  @Test
  void trustsItsLastCheckUntilTheStatementsTimeoutIsSet() throws SQLException {
    scope.configure(config(Duration.ofMillis(500), Duration.ofSeconds(30)));
    PreparedStatement statement = prepare("SELECT 1");
    scope.sqlAttached(statement, "SELECT 1");
    scope.beforeExecute(statement, null);

    // Not reported to the scope (the advice on setQueryTimeout would): the driver is not asked.
    statement.setQueryTimeout(60);
    scope.beforeExecute(statement, null);

    assertThat(statement.getQueryTimeout()).isEqualTo(60);
    assertThat(value(MetricNames.DB_TIMEOUTS_APPLIED, "rule", "default")).isEqualTo(2);
  }

  /**
   * A statement's SQL and timeout state share one object: executing other SQL text on a statement
   * with batch SQL replaces its timeout state, never the batch SQL its executeBatch reports.
   */
  @Test
  void keepsTheBatchSqlOfAStatementThatAlsoExecutesOtherText() throws SQLException {
    scope.configure(
        config(Duration.ofMillis(500), Duration.ofSeconds(30), rule("SELECT pg_sleep(*)", 1)));
    create().execute("CREATE TABLE t (a int)");
    Statement statement = create();
    scope.sqlAttached(statement, "INSERT INTO t VALUES (1)");

    scope.beforeExecute(statement, "SELECT pg_sleep(5)");
    assertThat(statement.getQueryTimeout()).isEqualTo(1);
    assertThat(scope.sqlOf(statement).normalized()).isEqualTo("INSERT INTO t VALUES (?)");

    SqlInfo batch = (SqlInfo) scope.beforeExecute(statement, null);
    assertThat(batch.operation()).isEqualTo(SqlOperation.INSERT);
    assertThat(statement.getQueryTimeout()).isEqualTo(30);
  }

  /**
   * Statement states are shared, not made per statement or per execution: statements prepared with
   * the same SQL under the same timeout hold the same object, and a statement alternating between
   * its batch SQL and other text comes back to the state it had.
   */
  @Test
  void sharesStatementStatesInsteadOfMakingThemPerCall() throws SQLException {
    scope.configure(
        config(Duration.ofMillis(500), Duration.ofSeconds(30), rule("SELECT pg_sleep(*)", 1)));
    PreparedStatement first = prepare("SELECT 1");
    PreparedStatement second = prepare("SELECT 1");
    scope.sqlAttached(first, "SELECT 1");
    scope.sqlAttached(second, "SELECT 1");
    scope.beforeExecute(first, null);
    StatementState prepared = scope.stateOf(first);
    // H2 keeps a query timeout per session: unset it, or the second statement starts under 30 s.
    first.setQueryTimeout(0);
    scope.beforeExecute(second, null);
    assertThat(prepared.checked).isTrue();
    assertThat(scope.stateOf(second)).isSameAs(prepared);

    Statement plain = create();
    StatementState[] afterText = new StatementState[3];
    for (int i = 0; i < afterText.length; i++) {
      scope.sqlAttached(plain, "SELECT 1");
      scope.beforeExecute(plain, null);
      scope.beforeExecute(plain, "SELECT pg_sleep(5)");
      afterText[i] = scope.stateOf(plain);
    }
    assertThat(afterText[1]).isSameAs(afterText[0]).isSameAs(afterText[2]);
    assertThat(afterText[0].sql.normalized()).isEqualTo("SELECT ?");
    assertThat(afterText[0].origin.seconds()).isEqualTo(1);
  }

  @Test
  void changesNoTimeoutWithoutPolicy() throws SQLException {
    Statement statement = create();
    statement.setQueryTimeout(9);

    scope.beforeExecute(statement, "SELECT 1");

    assertThat(statement.getQueryTimeout()).isEqualTo(9);
  }

  @Test
  void namesHikariPoolsAndReportsTheirConnections() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:pool_" + System.nanoTime());
    config.setPoolName("unit-pool");
    config.setMaximumPoolSize(3);
    try (HikariDataSource pool = new HikariDataSource(config);
        Connection held = pool.getConnection()) {
      scope.connectionAcquired(pool, System.nanoTime(), held, null);

      assertThat(value(MetricNames.DB_POOL_ACQUIRE, "pool", "unit-pool")).isEqualTo(1);
      assertThat(value(MetricNames.DB_POOL_CONNECTIONS, "pool", "unit-pool", "state", "active"))
          .isEqualTo(1);
      assertThat(value(MetricNames.DB_POOL_CONNECTIONS, "pool", "unit-pool", "state", "max"))
          .isEqualTo(3);
    }
  }

  @Test
  void namesOtherDataSourcesByClass() {
    JdbcDataSource plain = new JdbcDataSource();

    scope.connectionAcquired(plain, System.nanoTime(), null, new SQLException("refused"));

    assertThat(value(MetricNames.DB_POOL_ACQUIRE, "pool", "JdbcDataSource")).isEqualTo(1);
  }

  @Test
  void countsEachAcquisitionAgainstItsOwnPoolWhenPoolsAlternate() throws SQLException {
    HikariConfig orders = new HikariConfig();
    orders.setJdbcUrl("jdbc:h2:mem:orders_" + System.nanoTime());
    orders.setPoolName("orders-pool");
    HikariConfig reports = new HikariConfig();
    reports.setJdbcUrl("jdbc:h2:mem:reports_" + System.nanoTime());
    reports.setPoolName("reports-pool");
    try (HikariDataSource first = new HikariDataSource(orders);
        HikariDataSource second = new HikariDataSource(reports)) {
      scope.connectionAcquired(first, System.nanoTime(), null, null);
      scope.connectionAcquired(second, System.nanoTime(), null, null);
      scope.connectionAcquired(second, System.nanoTime(), null, null);
      scope.connectionAcquired(first, System.nanoTime(), null, null);
      scope.connectionAcquired(first, System.nanoTime(), null, null);
    }

    assertThat(value(MetricNames.DB_POOL_ACQUIRE, "pool", "orders-pool")).isEqualTo(3);
    assertThat(value(MetricNames.DB_POOL_ACQUIRE, "pool", "reports-pool")).isEqualTo(2);
  }

  @Test
  void countsConnectionsInUseOfOtherDataSourcesUntilClosedOnce() {
    JdbcDataSource plain = new JdbcDataSource();
    Object first = new Object();
    Object second = new Object();

    scope.connectionAcquired(plain, System.nanoTime(), first, null);
    scope.connectionAcquired(plain, System.nanoTime(), second, null);
    scope.connectionClosing(first);
    scope.connectionClosing(first);
    scope.connectionClosing(new Object());

    assertThat(value(MetricNames.DB_POOL_ACQUIRE, "pool", "JdbcDataSource")).isEqualTo(2);
    assertThat(value(MetricNames.DB_POOL_CONNECTIONS, "pool", "JdbcDataSource", "state", "active"))
        .isEqualTo(1);
  }
}
