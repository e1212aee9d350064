package io.qnwis.agent.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.bootstrap.jdbc.StatementFields;
import io.qnwis.agent.metrics.MetricNames;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
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
  Statement create() throws SQLException {
    return withFields(Statement.class, super.create());
  }

  @Override
  PreparedStatement prepare(String sql) throws SQLException {
    return withFields(PreparedStatement.class, super.prepare(sql));
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

  /** {@code statement}, plus the field a woven class has. */
  private static <T extends Statement> T withFields(Class<T> type, T statement) {
    Object[] field = new Object[1];
    return type.cast(
        Proxy.newProxyInstance(
            JdbcCallScopeOwnFieldsTest.class.getClassLoader(),
            new Class<?>[] {type, StatementFields.class},
            (proxy, method, args) -> {
              if (method.getName().equals("qnwis$state")) {
                if (args == null) {
                  return field[0];
                }
                field[0] = args[0];
                return null;
              }
              try {
                return method.invoke(statement, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }
}
