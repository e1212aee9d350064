package io.qnwis.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.metrics.MetricNames;
import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Jdks;
import io.qnwis.it.support.Scrape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JDBC timeout policy from a real config file, as ops would write it. */
class JdbcTimeoutPolicyTest {

  private static final String APPLIED = MetricNames.DB_TIMEOUTS_APPLIED + "_total";

  @TempDir Path dir;

  static Stream<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void cancelsPgSleepAfterTheRulesSecondWithTheDriversOwnException(Path javaHome) throws Exception {
    String yaml =
        """
        jdbc:
          slow_query_threshold: 250ms
          timeouts:
            rules:
              - {match: "SELECT pg_sleep(*)", timeout: 1s}
        """;
    runCancelled(
        javaHome,
        yaml,
        "sleep",
        (jvm, scrape) -> {
          assertThat(jvm.output()).contains("slow query (").contains("SELECT pg_sleep(?)");
          assertThat(scrape.value(APPLIED, "rule", "SELECT pg_sleep(*)")).isEqualTo(1);
          assertThat(scrape.value(MetricNames.DB_ERRORS + "_total", "operation", "select"))
              .isEqualTo(1);
          assertThat(scrape.value(MetricNames.DB_SLOW_QUERIES + "_total", "operation", "select"))
              .isEqualTo(1);
        });
  }

  @Test
  void overridesALongerTimeoutTheServiceSetsOnAStatementItAlreadyChecked() throws Exception {
    String yaml =
        """
        jdbc:
          timeouts:
            rules:
              - {match: "SELECT pg_sleep(*)", timeout: 1s}
        """;
    runCancelled(
        Jdks.current(),
        yaml,
        "longer-timeout",
        (jvm, scrape) ->
            assertThat(scrape.value(APPLIED, "rule", "SELECT pg_sleep(*)")).isEqualTo(2));
  }

  interface Check {
    void check(AgentJvm jvm, Scrape scrape) throws Exception;
  }

  /**
   * Runs {@link PostgresService} in {@code mode} under the config {@code yaml}, in a schema of its
   * own: the service must see the driver's own cancellation and exit cleanly, then {@code check}.
   */
  private void runCancelled(Path javaHome, String yaml, String mode, Check check) throws Exception {
    Path config = write("agent.yaml", yaml);
    String schema = "qnwis_it_" + UUID.randomUUID().toString().replace("-", "");
    JdbcForkedTest.createSchema(schema);
    try (AgentJvm jvm =
        AgentJvm.builder(PostgresService.class)
            .javaHome(javaHome)
            .config(config)
            .args(schema, mode)
            .start()) {
      jvm.awaitReady().awaitEndpoint();
      Scrape scrape = jvm.scrape();

      assertThat(jvm.output())
          .contains(
              "SERVICE SAW org.postgresql.util.PSQLException: ERROR: canceling statement due to"
                  + " user request");
      check.check(jvm, scrape);
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    } finally {
      JdbcForkedTest.dropSchema(schema);
    }
  }

  /** H2 keeps one timeout per connection: a rule's must not stay on for the next statement. */
  @Test
  void givesEachStatementItsOwnTimeoutOnADriverThatKeepsOnePerConnection() throws Exception {
    Path config =
        write(
            "agent.yaml",
            """
            jdbc:
              timeouts:
                default: 30s
                rules:
                  - {match: "SELECT count(*) FROM big_table", timeout: 5s}
            """);
    try (AgentJvm jvm = AgentJvm.builder(H2PooledTimeoutService.class).config(config).start()) {
      jvm.awaitReady().awaitEndpoint();
      Scrape scrape = jvm.scrape();

      for (int round = 1; round <= H2PooledTimeoutService.ROUNDS; round++) {
        assertThat(jvm.output()).contains("ROUND " + round + " RULED 5 DEFAULT 30");
      }
      assertThat(scrape.value(APPLIED, "rule", H2PooledTimeoutService.RULED_SQL))
          .isEqualTo(H2PooledTimeoutService.ROUNDS);
      assertThat(scrape.value(APPLIED, "rule", "default"))
          .isEqualTo(H2PooledTimeoutService.ROUNDS + 1); // and the CREATE TABLE
      assertThat(scrape.sum(MetricNames.AGENT_ERRORS + "_total")).isZero();
    }
  }

  @Test
  void followsRuleChangesInTheConfigFileWithoutRestart() throws Exception {
    Path config =
        write(
            "agent.yaml",
            """
            reload_interval: 1s
            jdbc:
              timeouts:
                rules:
                  - {match: "SELECT count(*) FROM jobs*", timeout: 3s}
            """);
    try (AgentJvm jvm = AgentJvm.builder(ReloadingService.class).config(config).start()) {
      jvm.awaitReady().awaitEndpoint();
      jvm.tell("run");
      jvm.awaitOutput("RUN 1 TIMEOUT 3", Duration.ofSeconds(30));

      write(
          "agent.yaml",
          """
          reload_interval: 1s
          jdbc:
            timeouts:
              rules:
                - {match: "* WHERE id > ?", timeout: 7s}
          """);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!jvm.output().contains(" TIMEOUT 7") && System.nanoTime() < deadline) {
        jvm.tell("run");
        Thread.sleep(200);
      }

      assertThat(jvm.output()).contains(" TIMEOUT 7");
      Scrape scrape = jvm.scrape();
      assertThat(scrape.value(APPLIED, "rule", "SELECT count(*) FROM jobs*")).isGreaterThan(0);
      assertThat(scrape.value(APPLIED, "rule", "* WHERE id > ?")).isGreaterThan(0);
    }
  }

  private Path write(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Path temp = dir.resolve(name + ".tmp");
    Files.writeString(temp, yaml);
    return Files.move(
        temp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
