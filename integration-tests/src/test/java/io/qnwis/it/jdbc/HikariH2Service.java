package io.qnwis.it.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.qnwis.it.support.Fixtures;
import java.sql.Connection;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A service using H2 through HikariCP: runs {@link JdbcWorkload} on one pooled connection and takes
 * {@link #ACQUISITIONS} connections in all, holding one while the test scrapes.
 */
public final class HikariH2Service {

  static final String POOL = "qnwis-it-pool";
  static final int MAX_POOL_SIZE = 4;
  static final int ACQUISITIONS = 4;
  static final int PLAIN_ACQUISITIONS = 2;

  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:qnwis_it_" + ProcessHandle.current().pid());
    config.setPoolName(POOL);
    config.setMaximumPoolSize(MAX_POOL_SIZE);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      try (Connection connection = pool.getConnection()) {
        System.out.println("SERVICE SAW " + JdbcWorkload.run(connection, JdbcWorkload.H2));
      }
      for (int i = 0; i < ACQUISITIONS - 2; i++) {
        pool.getConnection().close();
      }
      JdbcDataSource plain = new JdbcDataSource();
      plain.setURL("jdbc:h2:mem:qnwis_plain_" + ProcessHandle.current().pid());
      plain.getConnection().close();
      try (Connection held = pool.getConnection();
          Connection plainHeld = plain.getConnection()) {
        Fixtures.readyAndWait();
      }
    }
  }
}
