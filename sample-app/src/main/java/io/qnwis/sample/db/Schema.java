package io.qnwis.sample.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Creates the labour-market schema and loads the synthetic data set at start-up, unless a complete
 * data set of the same version and size is already there (a persistent PostgreSQL schema is then
 * reused as is).
 */
public final class Schema {

  private static final Logger LOG = Logger.getLogger(Schema.class.getName());

  /** Bump when tables or generated data change, so old data sets are rebuilt. */
  static final String DATA_VERSION = "1";

  private static final List<String> TABLES =
      List.of("job_postings", "employment_stats", "occupations", "sectors", "dataset_info");

  private static final List<String> DDL =
      List.of(
          "CREATE TABLE sectors (id INT PRIMARY KEY, code VARCHAR(32) NOT NULL UNIQUE,"
              + " name VARCHAR(100) NOT NULL, qatarization_target INT NOT NULL)",
          "CREATE TABLE occupations (id INT PRIMARY KEY, sector_id INT NOT NULL,"
              + " code VARCHAR(16) NOT NULL, title VARCHAR(100) NOT NULL, skill_level INT NOT NULL)",
          "CREATE TABLE employment_stats (id BIGINT PRIMARY KEY, sector_id INT NOT NULL,"
              + " occupation_id INT NOT NULL, stat_year INT NOT NULL, quarter INT NOT NULL,"
              + " nationality VARCHAR(16) NOT NULL, employed INT NOT NULL, total_wages BIGINT NOT NULL)",
          "CREATE TABLE job_postings (id BIGINT PRIMARY KEY, sector_id INT NOT NULL,"
              + " occupation_id INT NOT NULL, skill_level INT NOT NULL, stat_year INT NOT NULL,"
              + " stat_month INT NOT NULL, salary_offered INT NOT NULL, status VARCHAR(16) NOT NULL,"
              + " qatari_only BOOLEAN NOT NULL)",
          "CREATE TABLE dataset_info (name VARCHAR(32) PRIMARY KEY, val VARCHAR(64) NOT NULL)");

  /** Created after the data is in: cheaper than maintaining them row by row while loading. */
  private static final List<String> INDEXES =
      List.of(
          "CREATE INDEX employment_sector_year ON employment_stats (sector_id, stat_year)",
          "CREATE INDEX employment_year ON employment_stats (stat_year)",
          "CREATE INDEX postings_sector_year ON job_postings (sector_id, stat_year)",
          "CREATE INDEX postings_year ON job_postings (stat_year)");

  private Schema() {}

  /** Makes sure the data set is present; returns true if it had to be (re)built. */
  public static boolean ensure(DataSource dataSource, int postingRows) throws SQLException {
    String wanted = DATA_VERSION + "/" + postingRows;
    try (Connection connection = dataSource.getConnection()) {
      if (wanted.equals(existingVersion(connection))) {
        LOG.info("data set present (" + wanted + "), reusing it");
        return false;
      }
      long start = System.nanoTime();
      try (Statement statement = connection.createStatement()) {
        for (String table : TABLES) {
          statement.execute("DROP TABLE IF EXISTS " + table);
        }
        for (String ddl : DDL) {
          statement.execute(ddl);
        }
      }
      int rows = new DataGenerator(postingRows).load(connection);
      try (Statement statement = connection.createStatement()) {
        for (String ddl : INDEXES) {
          statement.execute(ddl);
        }
      }
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO dataset_info (name, val) VALUES (?, ?)")) {
        insert.setString(1, "version");
        insert.setString(2, wanted);
        insert.executeUpdate();
      }
      LOG.info(
          "data set created: "
              + rows
              + " rows in "
              + (System.nanoTime() - start) / 1_000_000
              + " ms");
      return true;
    }
  }

  private static String existingVersion(Connection connection) {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT val FROM dataset_info WHERE name = ?")) {
      query.setString(1, "version");
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException absent) {
      return null; // no dataset_info table yet
    }
  }
}
