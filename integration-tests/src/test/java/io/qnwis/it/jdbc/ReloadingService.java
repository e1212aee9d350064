package io.qnwis.it.jdbc;

import io.qnwis.it.support.AgentJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A service on H2 that executes one prepared statement each time a line arrives on standard input
 * and prints the query timeout the statement had during that execution ({@code TIMEOUT n}); it
 * exits when input closes.
 */
public final class ReloadingService {

  static final String SQL = "SELECT count(*) FROM jobs WHERE id > ?";

  public static void main(String[] args) throws Exception {
    try (Connection connection =
            DriverManager.getConnection("jdbc:h2:mem:reload_" + ProcessHandle.current().pid());
        Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE TABLE jobs (id int PRIMARY KEY)");
      try (PreparedStatement statement = connection.prepareStatement(SQL)) {
        System.out.println(AgentJvm.READY);
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int runs = 0;
        while (in.readLine() != null) {
          statement.setInt(1, 0);
          try (ResultSet rows = statement.executeQuery()) {
            rows.next();
          }
          System.out.println("RUN " + ++runs + " TIMEOUT " + statement.getQueryTimeout());
        }
      }
    }
  }
}
