package io.qnwis.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.metrics.MetricNames;
import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Jdks;
import io.qnwis.it.support.Scrape;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDBC instrumentation seen from outside, as ops run it: a forked service with {@code
 * -javaagent}, against real PostgreSQL without a pool and H2 through HikariCP, on each JDK.
 */
class JdbcForkedTest {

  static Stream<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void countsEachPostgresCallExactlyOnceByOperation(Path javaHome) throws Exception {
    String schema = "qnwis_it_" + UUID.randomUUID().toString().replace("-", "");
    createSchema(schema);
    try (AgentJvm jvm =
        AgentJvm.builder(PostgresService.class)
            .javaHome(javaHome)
            .args(schema, "workload")
            .start()) {
      jvm.awaitReady().awaitEndpoint();

      assertWorkloadCounted(jvm.scrape());
      assertThat(jvm.output())
          .contains("SERVICE SAW org.postgresql.util.PSQLException")
          .contains("no_such_table_qnwis");
      assertQueriesShowNormalizedSqlOnly(jvm);
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    } finally {
      dropSchema(schema);
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void countsEachCallThroughHikariProxiesOnceAndReportsPoolUsage(Path javaHome) throws Exception {
    try (AgentJvm jvm = AgentJvm.builder(HikariH2Service.class).javaHome(javaHome).start()) {
      jvm.awaitReady().awaitEndpoint();
      Scrape scrape = jvm.scrape();

      assertWorkloadCounted(scrape);
      assertThat(jvm.output()).contains("SERVICE SAW org.h2.jdbc.JdbcSQLSyntaxErrorException");
      assertQueriesShowNormalizedSqlOnly(jvm);
      assertHikariPoolObserved(scrape);
      assertThat(scrape.value(MetricNames.DB_POOL_ACQUIRE + "_count", "pool", "JdbcDataSource"))
          .isEqualTo(HikariH2Service.PLAIN_ACQUISITIONS);
      assertThat(scrape.sum(MetricNames.DB_POOL_ACQUIRE + "_count"))
          .isEqualTo(HikariH2Service.ACQUISITIONS + HikariH2Service.PLAIN_ACQUISITIONS);
      assertThat(
              scrape.value(
                  MetricNames.DB_POOL_CONNECTIONS, "pool", "JdbcDataSource", "state", "active"))
          .isEqualTo(1);
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void timesADriverLoadedInAnIsolatedClassLoader(Path javaHome) throws Exception {
    try (AgentJvm jvm = AgentJvm.builder(IsolatedDriverService.class).javaHome(javaHome).start()) {
      jvm.awaitReady().awaitEndpoint();
      Scrape scrape = jvm.scrape();

      String count = MetricNames.DB_LATENCY + "_count";
      assertThat(scrape.value(count, "operation", "select"))
          .isEqualTo(IsolatedDriverService.SELECTS);
      assertThat(scrape.value(count, "operation", "insert")).isEqualTo(1);
      assertThat(jvm.get("/queries").body()).contains("SELECT id FROM t WHERE id = ?");
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }

  static void assertWorkloadCounted(Scrape scrape) {
    String count = MetricNames.DB_LATENCY + "_count";
    assertThat(scrape.value(count, "operation", "select"))
        .isEqualTo(JdbcWorkload.SELECTS + JdbcWorkload.SELECT_ERRORS);
    assertThat(scrape.value(count, "operation", "insert")).isEqualTo(JdbcWorkload.INSERTS);
    assertThat(scrape.value(count, "operation", "update")).isEqualTo(JdbcWorkload.UPDATES);
    assertThat(scrape.value(count, "operation", "delete")).isEqualTo(JdbcWorkload.DELETES);
    assertThat(scrape.value(count, "operation", "call")).isEqualTo(JdbcWorkload.CALLS);
    assertThat(scrape.value(count, "operation", "other")).isEqualTo(JdbcWorkload.OTHERS);
    String errors = MetricNames.DB_ERRORS + "_total";
    assertThat(scrape.value(errors, "operation", "select")).isEqualTo(JdbcWorkload.SELECT_ERRORS);
    assertThat(scrape.sum(errors)).isEqualTo(JdbcWorkload.SELECT_ERRORS);
  }

  /** {@link HikariH2Service}'s pool: its acquisitions, and the one connection it holds. */
  static void assertHikariPoolObserved(Scrape scrape) {
    String pool = HikariH2Service.POOL;
    assertThat(scrape.value(MetricNames.DB_POOL_ACQUIRE + "_count", "pool", pool))
        .isEqualTo(HikariH2Service.ACQUISITIONS);
    assertThat(scrape.value(MetricNames.DB_POOL_CONNECTIONS, "pool", pool, "state", "active"))
        .isEqualTo(1);
    assertThat(scrape.value(MetricNames.DB_POOL_CONNECTIONS, "pool", pool, "state", "max"))
        .isEqualTo(HikariH2Service.MAX_POOL_SIZE);
    assertThat(scrape.value(MetricNames.DB_POOL_CONNECTIONS, "pool", pool, "state", "pending"))
        .isZero();
  }

  private static void assertQueriesShowNormalizedSqlOnly(AgentJvm jvm) throws Exception {
    String queries = jvm.get("/queries").body();
    assertThat(queries)
        .contains("SELECT title, salary FROM jobs WHERE id = ?")
        .contains("SELECT id FROM jobs WHERE salary IN (?) OR title = ?")
        .contains("UPDATE jobs SET title = ? WHERE title = ? AND id = ?")
        .doesNotContain(JdbcWorkload.SECRET_TITLE)
        .doesNotContain(String.valueOf(JdbcWorkload.SECRET_SALARY));
    assertThat(jvm.scrape().text()).doesNotContain(JdbcWorkload.SECRET_TITLE);
  }

  static void createSchema(String schema) throws SQLException {
    try (Connection connection = DriverManager.getConnection(PostgresService.URL, "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    }
  }

  static void dropSchema(String schema) throws SQLException {
    try (Connection connection = DriverManager.getConnection(PostgresService.URL, "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
