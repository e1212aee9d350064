package io.qnwis.agent.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.qnwis.agent.metrics.MetricNames;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The timeout policy on a driver that keeps one query timeout per connection (H2), through {@link
 * ConnectionTimeouts}. {@link ConnectionTimeoutsOwnFieldsTest} runs the same with statements that
 * carry their own fields.
 */
class ConnectionTimeoutsTest extends JdbcCallScopeFixture {

  /**
   * H2 keeps one query timeout per connection, so a statement shows what the agent set for another
   * statement of its connection: that timeout is the agent's, not the service's own, and each
   * statement still runs under its own rule's.
   */
  @Test
  void givesEachStatementItsRulesTimeoutWhereTheDriverKeepsOnePerConnection() throws SQLException {
    scope.configure(
        config(Duration.ofMillis(500), Duration.ofSeconds(30), rule("SELECT * FROM big*", 5)));
    create().execute("CREATE TABLE big_table (a int)");
    PreparedStatement big = prepare("SELECT * FROM big_table");
    scope.sqlAttached(big, "SELECT * FROM big_table");
    PreparedStatement small = prepare("SELECT 1");
    scope.sqlAttached(small, "SELECT 1");

    scope.beforeExecute(big, null);
    assertThat(big.getQueryTimeout()).isEqualTo(5);
    scope.beforeExecute(small, null);
    assertThat(small.getQueryTimeout()).isEqualTo(30);
    scope.beforeExecute(big, null);
    assertThat(big.getQueryTimeout()).isEqualTo(5);

    assertThat(value(MetricNames.DB_TIMEOUTS_APPLIED, "rule", "SELECT * FROM big*")).isEqualTo(2);
    assertThat(value(MetricNames.DB_TIMEOUTS_APPLIED, "rule", "default")).isEqualTo(1);
  }

  @Test
  void takesItsTimeoutOffAStatementNoRuleCoversWhereTheDriverKeepsOnePerConnection()
      throws SQLException {
    scope.configure(config(Duration.ofMillis(500), null, rule("SELECT * FROM big*", 5)));
    create().execute("CREATE TABLE big_table (a int)");

    scope.beforeExecute(create(), "SELECT * FROM big_table");
    Statement unruled = create();
    scope.beforeExecute(unruled, "SELECT 1");

    assertThat(unruled.getQueryTimeout()).isZero();
  }

  /** The service's own timeout, set through any statement of the connection, is its own. */
  @Test
  void keepsTheServicesOwnTimeoutSetThroughAnotherStatementOfTheConnection() throws SQLException {
    scope.configure(
        config(Duration.ofMillis(500), Duration.ofSeconds(30), rule("SELECT * FROM big*", 5)));
    create().execute("CREATE TABLE big_table (a int)");
    scope.beforeExecute(create(), "SELECT * FROM big_table");
    Statement own = create();
    own.setQueryTimeout(5); // what the agent set through the first statement, now the service's
    scope.queryTimeoutSet(own);

    Statement next = create();
    scope.beforeExecute(next, "SELECT 1");

    assertThat(next.getQueryTimeout()).isEqualTo(5);
    assertThat(value(MetricNames.DB_TIMEOUTS_APPLIED, "rule", "default")).isZero();
  }

  /**
   * Once a driver showed one timeout per connection, a reused statement still under what the agent
   * set for its rule costs a {@code getQueryTimeout}, not a look for its connection.
   */
  @Test
  void asksAReusedStatementOnlyForItsTimeoutWhileTheAgentsIsInForce() throws SQLException {
    scope.configure(config(Duration.ofMillis(500), Duration.ofSeconds(30)));
    scope.beforeExecute(create(), "SELECT 1");
    int[] lookups = new int[1];
    PreparedStatement reused = countingConnectionLookups(prepare("SELECT 2"), lookups);
    scope.sqlAttached(reused, "SELECT 2");
    scope.beforeExecute(reused, null); // under the 30 s set through the other statement
    int firstLookups = lookups[0];

    for (int i = 0; i < 3; i++) {
      scope.beforeExecute(reused, null);
    }

    assertThat(firstLookups).isEqualTo(1);
    assertThat(lookups[0]).isEqualTo(firstLookups);
    assertThat(reused.getQueryTimeout()).isEqualTo(30);
    assertThat(value(MetricNames.DB_TIMEOUTS_APPLIED, "rule", "default")).isEqualTo(5);
  }

  private static PreparedStatement countingConnectionLookups(
      PreparedStatement statement, int[] lookups) {
    return (PreparedStatement)
        Proxy.newProxyInstance(
            ConnectionTimeoutsTest.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                lookups[0]++;
              }
              try {
                return method.invoke(statement, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** HikariCP hands out a new proxy at each borrow: the driver's connection is what is tracked. */
  @Test
  void recognisesItsTimeoutOnAPooledConnectionBorrowedAgain() throws SQLException {
    scope.configure(
        config(Duration.ofMillis(500), Duration.ofSeconds(30), rule("SELECT * FROM big*", 5)));
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:borrowed_" + System.nanoTime());
    config.setMaximumPoolSize(1);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      try (Connection first = pool.getConnection();
          Statement statement = first.createStatement()) {
        statement.execute("CREATE TABLE big_table (a int)");
        scope.beforeExecute(statement, "SELECT * FROM big_table");
        assertThat(statement.getQueryTimeout()).isEqualTo(5);
      }
      try (Connection again = pool.getConnection();
          Statement statement = again.createStatement()) {
        scope.beforeExecute(statement, "SELECT 1");
        assertThat(statement.getQueryTimeout()).isEqualTo(30);
      }
    }
    assertThat(value(MetricNames.DB_TIMEOUTS_APPLIED, "rule", "default")).isEqualTo(1);
  }
}
