package io.qnwis.it.jdbc;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * The statements a JDBC fixture runs, with exactly known counts per operation, so a test can assert
 * the agent counted each call once. Literal values in here ({@link #SECRET_TITLE}, {@link
 * #SECRET_SALARY}) must never show up in the agent's output.
 */
final class JdbcWorkload {

  static final String SECRET_TITLE = "labour-secret-7f3a";
  static final int SECRET_SALARY = 987_654;

  static final int SELECTS = 8; // 7 prepared + 1 plain with literals
  static final int INSERTS = 6; // 5 prepared + 1 batch
  static final int UPDATES = 2; // 1 plain batch + 1 plain with literals
  static final int DELETES = 1;
  static final int CALLS = 2; // 2 CallableStatement executions
  static final int SELECT_ERRORS = 1;

  /** Abstracts what differs between databases: the callable function and its DDL. */
  interface Dialect {
    String createFunction();

    String callSql();
  }

  static final Dialect POSTGRES =
      new Dialect() {
        @Override
        public String createFunction() {
          return "CREATE FUNCTION add_one(i integer) RETURNS integer AS $body$ SELECT i + 1"
              + " $body$ LANGUAGE sql";
        }

        @Override
        public String callSql() {
          return "{? = call add_one(?)}";
        }
      };

  static final Dialect H2 =
      new Dialect() {
        @Override
        public String createFunction() {
          return "CREATE ALIAS add_one FOR 'java.lang.Math.incrementExact(int)'";
        }

        @Override
        public String callSql() {
          return "{? = call add_one(?)}";
        }
      };

  /** OTHER operations: table, function. */
  static final int OTHERS = 2;

  private JdbcWorkload() {}

  /**
   * Runs the workload on one connection; returns the message of the exception the bad query threw
   * (what the service saw).
   */
  static String run(Connection connection, Dialect dialect) throws SQLException {
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE TABLE jobs (id integer PRIMARY KEY, title varchar(100), salary integer)");
      ddl.execute(dialect.createFunction());
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO jobs (id, title, salary) VALUES (?, ?, ?)")) {
      for (int i = 1; i <= 5; i++) {
        insert.setInt(1, i);
        insert.setString(2, SECRET_TITLE);
        insert.setInt(3, SECRET_SALARY + i);
        insert.executeUpdate();
      }
      for (int i = 6; i <= 8; i++) {
        insert.setInt(1, i);
        insert.setString(2, "batch");
        insert.setInt(3, i);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (Statement batch = connection.createStatement()) {
      batch.addBatch("UPDATE jobs SET salary = salary + 1 WHERE id = 1");
      batch.addBatch("UPDATE jobs SET salary = salary + 2 WHERE id = 2");
      batch.executeBatch();
      batch.executeUpdate(
          "UPDATE jobs SET title = 'x' WHERE title = '" + SECRET_TITLE + "' AND id = 3");
    }
    try (PreparedStatement select =
        connection.prepareStatement("SELECT title, salary FROM jobs WHERE id = ?")) {
      for (int i = 1; i <= 7; i++) {
        select.setInt(1, i);
        try (ResultSet rows = select.executeQuery()) {
          rows.next();
        }
      }
    }
    try (Statement plain = connection.createStatement();
        ResultSet rows =
            plain.executeQuery(
                "SELECT id FROM jobs WHERE salary IN ("
                    + SECRET_SALARY
                    + ", "
                    + (SECRET_SALARY + 1)
                    + ") OR title = '"
                    + SECRET_TITLE
                    + "'")) {
      rows.next();
    }
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
      delete.setInt(1, 8);
      delete.execute();
    }
    try (CallableStatement call = connection.prepareCall(dialect.callSql())) {
      call.registerOutParameter(1, Types.INTEGER);
      call.setInt(2, 41);
      call.execute();
      call.setInt(2, 42);
      call.execute();
    }
    try (Statement bad = connection.createStatement()) {
      bad.executeQuery("SELECT * FROM no_such_table_qnwis");
      throw new IllegalStateException("the bad query did not fail");
    } catch (SQLException expected) {
      return expected.getClass().getName() + ": " + expected.getMessage();
    }
  }
}
