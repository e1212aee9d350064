package io.qnwis.sample.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class SchemaTest {

  @Test
  void generatesTheSameRowsOnEveryDatabase() throws Exception {
    JdbcDataSource first = h2();
    JdbcDataSource second = h2();

    assertThat(Schema.ensure(first, 3_000)).isTrue();
    assertThat(Schema.ensure(second, 3_000)).isTrue();

    for (String query : CHECKSUMS) {
      assertThat(single(second, query)).as(query).isEqualTo(single(first, query));
    }
    assertThat(single(first, "SELECT COUNT(*) FROM job_postings")).isEqualTo("3000");
    assertThat(single(first, "SELECT COUNT(*) FROM employment_stats")).isEqualTo("16000");
  }

  @Test
  void reusesACompleteDataSetAndRebuildsOneOfAnotherSize() throws Exception {
    JdbcDataSource db = h2();

    assertThat(Schema.ensure(db, 1_000)).isTrue();
    assertThat(Schema.ensure(db, 1_000)).as("same version and size: reused").isFalse();
    assertThat(Schema.ensure(db, 2_000)).as("other size: rebuilt").isTrue();
    assertThat(single(db, "SELECT COUNT(*) FROM job_postings")).isEqualTo("2000");
  }

  private static final String[] CHECKSUMS = {
    "SELECT SUM(employed), SUM(total_wages), SUM(occupation_id * stat_year * quarter)"
        + " FROM employment_stats",
    "SELECT SUM(salary_offered), SUM(occupation_id * stat_month), SUM(CASE WHEN qatari_only"
        + " THEN id ELSE 0 END), COUNT(DISTINCT status) FROM job_postings",
    "SELECT SUM(skill_level * id) FROM occupations"
  };

  private static JdbcDataSource h2() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return dataSource;
  }

  private static String single(JdbcDataSource db, String sql) throws SQLException {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      StringBuilder out = new StringBuilder(rows.getString(1));
      for (int i = 2; i <= rows.getMetaData().getColumnCount(); i++) {
        out.append(',').append(rows.getString(i));
      }
      return out.toString();
    }
  }
}
