package io.qnwis.agent.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.bootstrap.jdbc.StatementFields;
import io.qnwis.agent.metrics.MetricNames;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcCallScopeTest}'s scenarios with statements that carry {@link StatementFields}, as
 * those of a class woven as it loaded do: the scope keeps their state in them, none in its table.
 */
class JdbcCallScopeOwnFieldsTest extends JdbcCallScopeTest {

  @Override
  <T extends Statement> T asSeen(Class<T> type, T statement) {
    return withFields(type, statement);
  }

  @Override
  int tableEntriesPerStatement() {
    return 0;
  }

  @Test
  void keepsTheSqlAndTheTimeoutItSetInTheStatement() throws SQLException {
    scope.configure(config(Duration.ofMillis(500), Duration.ofSeconds(30)));
    create().execute("CREATE TABLE t (a int)");
    PreparedStatement statement = prepare("UPDATE t SET a = ?");
    scope.sqlAttached(statement, "UPDATE t SET a = ?");

    for (int i = 0; i < 3; i++) {
      SqlInfo info = (SqlInfo) scope.beforeExecute(statement, null);
      assertThat(info.operation()).isEqualTo(SqlOperation.UPDATE);
    }

    assertThat(statement.getQueryTimeout()).isEqualTo(30);
    StatementState state = (StatementState) ((StatementFields) statement).qnwis$state();
    assertThat(state.checked).isTrue();
    assertThat(state.origin.seconds()).isEqualTo(30);
    assertThat(state.sql.normalized()).isEqualTo("UPDATE t SET a = ?");
    assertThat(value(MetricNames.DB_TIMEOUTS_APPLIED, "rule", "default")).isEqualTo(3);
    assertThat(scope.trackedStatements()).isZero();
  }

  @Test
  void aStatementClosedAndHandedOutAgainStartsAfresh() throws SQLException {
    scope.configure(config(Duration.ofMillis(500), Duration.ofSeconds(30)));
    PreparedStatement statement = prepare("SELECT 1");
    scope.sqlAttached(statement, "SELECT 1");
    scope.beforeExecute(statement, null);

    scope.statementClosed(statement);

    assertThat(((StatementFields) statement).qnwis$state()).isNull();
  }
}
