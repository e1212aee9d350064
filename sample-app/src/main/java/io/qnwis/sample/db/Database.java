package io.qnwis.sample.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.qnwis.sample.SampleConfig;

/** The connection pool: HikariCP over H2 (embedded default) or PostgreSQL. */
public final class Database {

  private Database() {}

  public static HikariDataSource pool(SampleConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("qnwis-db");
    hikari.setJdbcUrl(config.dbUrl());
    hikari.setUsername(config.dbUser());
    hikari.setPassword(config.dbPassword());
    hikari.setMaximumPoolSize(Math.max(1, config.dbPoolSize()));
    hikari.setConnectionTimeout(10_000);
    if (config.isPostgres()) {
      // One multi-row INSERT per batch instead of one round trip per row: start-up data loads
      // in seconds rather than a minute.
      hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    return new HikariDataSource(hikari);
  }
}
