package io.qnwis.it.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Fixtures;
import io.qnwis.it.support.Retransformer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Runs {@link JdbcWorkload} twice on H2, each time on a fresh database, with {@link Retransformer}
 * retransforming every statement class in between, and prints whether statements carry the agent's
 * fields ({@code FIELDS <service's statement> <driver's statement>}).
 *
 * <ul>
 *   <li>{@code premain}: through HikariCP, under {@code -javaagent}: classes woven as they load;
 *   <li>{@code attach}: the first run before the agent is attached (the test attaches it when the
 *       service is ready, then sends a line), so H2's statement classes are loaded before it; then
 *       {@link LateStatement} loads.
 * </ul>
 */
public final class StatementFieldsService {

  public static void main(String[] args) throws Exception {
    boolean attach = args[0].equals("attach");
    long pid = ProcessHandle.current().pid();
    if (attach) {
      try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:before_" + pid)) {
        JdbcWorkload.run(connection, JdbcWorkload.H2);
      }
      System.out.println(AgentJvm.READY);
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:after_" + pid)) {
        workload(connection);
      }
      Class<?> late = Class.forName(LateStatement.class.getName());
      System.out.println("LATE FIELDS " + fieldsType().isAssignableFrom(late));
      retransform();
      try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:again_" + pid)) {
        workload(connection);
      }
      System.out.println("DONE");
    } else {
      for (String database : new String[] {"first_", "again_"}) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:" + database + pid);
        config.setPoolName(database + "pool");
        try (HikariDataSource pool = new HikariDataSource(config);
            Connection connection = pool.getConnection()) {
          workload(connection);
        }
        if (database.equals("first_")) {
          retransform();
        }
      }
      System.out.println("DONE");
    }
    Fixtures.readyAndWait();
  }

  private static void workload(Connection connection) throws Exception {
    System.out.println("SERVICE SAW " + JdbcWorkload.run(connection, JdbcWorkload.H2));
    try (Statement statement = connection.prepareStatement("SELECT 1")) {
      Class<?> fields = fieldsType();
      System.out.println(
          "FIELDS "
              + fields.isInstance(statement)
              + " "
              + fields.isInstance(statement.unwrap(Statement.class)));
    }
  }

  private static void retransform() {
    try {
      System.out.println(
          "RETRANSFORMED "
              + Retransformer.retransform(
                  type ->
                      Statement.class.isAssignableFrom(type)
                          && !type.isInterface()
                          && type.getClassLoader() != null));
      System.out.println("GROWN " + Retransformer.grown());
    } catch (Exception | LinkageError e) {
      System.out.println("RETRANSFORM FAILED " + e);
    }
  }

  /** The agent's interface, in the bootstrap loader once the agent started. */
  private static Class<?> fieldsType() throws ClassNotFoundException {
    return Class.forName("io.qnwis.agent.bootstrap.jdbc.StatementFields", false, null);
  }
}
