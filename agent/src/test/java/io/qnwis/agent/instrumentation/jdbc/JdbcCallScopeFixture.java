package io.qnwis.agent.instrumentation.jdbc;

import io.qnwis.agent.bootstrap.jdbc.StatementFields;
import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.config.Glob;
import io.qnwis.agent.metrics.AgentMetrics;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A {@link JdbcCallScope} over its own metrics and one H2 connection, driven directly as the advice
 * would: the tests of the scope build on it.
 */
abstract class JdbcCallScopeFixture {

  private final AgentMetrics agentMetrics = new AgentMetrics(200, "test");
  private final JdbcMetrics metrics = new JdbcMetrics(agentMetrics);
  final JdbcCallScope scope =
      new JdbcCallScope(metrics, new ConnectionPools(metrics, agentMetrics), agentMetrics.errors());
  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:scope_" + System.nanoTime());
    scope.configure(config(Duration.ofMillis(500), null));
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  /** A plain statement as the scope sees it. */
  final Statement create() throws SQLException {
    return asSeen(Statement.class, connection.createStatement());
  }

  /** A prepared statement as the scope sees it. */
  final PreparedStatement prepare(String sql) throws SQLException {
    return asSeen(PreparedStatement.class, connection.prepareStatement(sql));
  }

  /** {@code statement} as the advice hands it to the scope: here, of a class with no fields. */
  <T extends Statement> T asSeen(Class<T> type, T statement) {
    return statement;
  }

  /** Table entries the scope makes for one statement it tracks. */
  int tableEntriesPerStatement() {
    return 1;
  }

  static AgentConfig.JdbcConfig config(
      Duration slow, Duration defaultTimeout, AgentConfig.TimeoutRule... rules) {
    return new AgentConfig.JdbcConfig(true, slow, defaultTimeout, List.of(rules));
  }

  static AgentConfig.TimeoutRule rule(String glob, int seconds) {
    return new AgentConfig.TimeoutRule(Glob.compile(glob), Duration.ofSeconds(seconds));
  }

  double value(String name, String... labels) {
    return MetricValues.value(agentMetrics.registry(), name, labels);
  }

  /** {@code statement}, plus the field a woven class has. */
  static <T extends Statement> T withFields(Class<T> type, T statement) {
    Object[] field = new Object[1];
    return type.cast(
        Proxy.newProxyInstance(
            JdbcCallScopeFixture.class.getClassLoader(),
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
