package io.qnwis.it.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.qnwis.it.support.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A service on H2, which keeps one query timeout per connection, through a pool of one connection:
 * each round borrows it for a statement under a timeout rule, then again for one under the default,
 * and prints the timeout each statement ran under.
 */
public final class H2PooledTimeoutService {

  static final int ROUNDS = 3;
  static final String RULED_SQL = "SELECT count(*) FROM big_table";

  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:qnwis_timeouts_" + ProcessHandle.current().pid());
    config.setMaximumPoolSize(1);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      try (Connection connection = pool.getConnection()) {
        connection.createStatement().execute("CREATE TABLE big_table (a int)");
      }
      for (int round = 1; round <= ROUNDS; round++) {
        System.out.println(
            "ROUND "
                + round
                + " RULED "
                + timeoutRunUnder(pool, RULED_SQL)
                + " DEFAULT "
                + timeoutRunUnder(pool, "SELECT 1"));
      }
      Fixtures.readyAndWait();
    }
  }

  private static int timeoutRunUnder(HikariDataSource pool, String sql) throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.executeQuery().close();
      return statement.getQueryTimeout();
    }
  }
}
