package io.qnwis.it.jdbc;

import io.qnwis.it.support.Fixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A service using PostgreSQL through plain {@code DriverManager}, no pool, in the schema given as
 * first argument. Second argument: {@code workload} runs {@link JdbcWorkload}; {@code sleep} runs
 * {@code SELECT pg_sleep(5)} once and reports what it saw and how long it took; {@code
 * longer-timeout} prepares {@code SELECT pg_sleep(?)}, runs it for 0 s, sets its own 10 s query
 * timeout on the statement and runs it for 5 s, reporting the same.
 */
public final class PostgresService {

  static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  public static void main(String[] args) throws Exception {
    String schema = args[0];
    try (Connection connection =
        DriverManager.getConnection(URL + "?currentSchema=" + schema, "postgres", "")) {
      if (args[1].equals("workload")) {
        System.out.println("SERVICE SAW " + JdbcWorkload.run(connection, JdbcWorkload.POSTGRES));
      } else if (args[1].equals("longer-timeout")) {
        sleepAfterSettingALongerTimeout(connection);
      } else {
        sleep(connection);
      }
      Fixtures.readyAndWait();
    }
  }

  private static void sleep(Connection connection) {
    long start = System.nanoTime();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT pg_sleep(5)")) {
      rows.next();
      System.out.println("SERVICE SAW no exception");
    } catch (SQLException e) {
      System.out.println("SERVICE SAW " + e.getClass().getName() + ": " + e.getMessage());
    }
    System.out.println("ELAPSED MS " + (System.nanoTime() - start) / 1_000_000);
  }

  private static void sleepAfterSettingALongerTimeout(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_sleep(?)")) {
      statement.setInt(1, 0);
      statement.execute();
      statement.setQueryTimeout(10);
      statement.setInt(1, 5);
      statement.execute();
      System.out.println("SERVICE SAW no exception");
    } catch (SQLException e) {
      System.out.println("SERVICE SAW " + e.getClass().getName() + ": " + e.getMessage());
    }
  }
}
