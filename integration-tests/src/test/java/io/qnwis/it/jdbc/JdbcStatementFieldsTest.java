package io.qnwis.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.metrics.MetricNames;
import io.qnwis.it.foundation.AgentCommand;
import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Jdks;
import io.qnwis.it.support.Retransformer;
import io.qnwis.it.support.Scrape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the agent keeps what it knows about a statement: in fields its class gained as it loaded,
 * or, for a class loaded before a run-time attach, in its table; and that a second agent
 * retransforming those classes changes neither the classes' shape nor the counts.
 */
class JdbcStatementFieldsTest {

  /** Every execution under the default timeout: the policy's per-statement state is used. */
  private static final String CONFIG =
      """
      jdbc:
        timeouts:
          default: 30s
      """;

  @TempDir Path dir;

  @Test
  void countsThroughTheFieldsOfClassesWovenAsTheyLoadBeforeAndAfterARetransformation()
      throws Exception {
    try (AgentJvm jvm =
        AgentJvm.builder(StatementFieldsService.class)
            .config(Files.writeString(dir.resolve("agent.yaml"), CONFIG))
            .laterAgent(Retransformer.jar())
            .args("premain")
            .start()) {
      jvm.awaitOutput("DONE", Duration.ofSeconds(60)).awaitEndpoint();

      assertThat(jvm.output())
          .contains("FIELDS true true") // HikariCP's proxy statement and H2's
          .containsPattern("RETRANSFORMED [1-9]")
          .contains("GROWN []") // the retransformation wove the original classes, not woven ones
          .doesNotContain("FIELDS false")
          .doesNotContain("RETRANSFORM FAILED");
      assertCounted(jvm, 2);
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }

  @Test
  void countsThroughTheTableStatementsOfClassesLoadedBeforeAttach() throws Exception {
    Path javaHome = Jdks.current();
    try (AgentJvm jvm =
        AgentJvm.builder(StatementFieldsService.class)
            .javaHome(javaHome)
            .withoutAgent()
            .jvmArg("-javaagent:" + Retransformer.jar())
            .args("attach")
            .start()) {
      jvm.awaitReady();
      Path config = Files.writeString(dir.resolve("agent.yaml"), CONFIG);
      AgentCommand.Result attach =
          AgentCommand.run(
              javaHome,
              "attach",
              String.valueOf(jvm.pid()),
              "port=" + jvm.port() + ",config=" + config);
      assertThat(attach.status()).as(attach.output()).isZero();
      jvm.awaitEndpoint();
      jvm.tell("go");
      jvm.awaitOutput("DONE", Duration.ofSeconds(60));

      assertThat(jvm.output())
          .contains("FIELDS false false") // H2's statement classes loaded before the agent
          .contains("LATE FIELDS true") // a statement class loaded since
          .containsPattern("RETRANSFORMED [1-9]")
          .doesNotContain("RETRANSFORM FAILED");
      assertCounted(jvm, 2);
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }

  /** {@code runs} workloads counted exactly, prepared statements by their SQL, none failing. */
  private static void assertCounted(AgentJvm jvm, int runs) throws Exception {
    Scrape scrape = jvm.scrape();
    String count = MetricNames.DB_LATENCY + "_count";
    assertThat(scrape.value(count, "operation", "select"))
        .isEqualTo(runs * (JdbcWorkload.SELECTS + JdbcWorkload.SELECT_ERRORS));
    assertThat(scrape.value(count, "operation", "insert")).isEqualTo(runs * JdbcWorkload.INSERTS);
    assertThat(scrape.value(count, "operation", "update")).isEqualTo(runs * JdbcWorkload.UPDATES);
    assertThat(scrape.value(count, "operation", "delete")).isEqualTo(runs * JdbcWorkload.DELETES);
    assertThat(scrape.value(count, "operation", "call")).isEqualTo(runs * JdbcWorkload.CALLS);
    assertThat(scrape.value(count, "operation", "other")).isEqualTo(runs * JdbcWorkload.OTHERS);
    // Not one per execution: H2 keeps the query timeout per connection, so the one the agent set
    // on the first statement is found (as the service's) on the next.
    assertThat(scrape.sum(MetricNames.DB_TIMEOUTS_APPLIED + "_total")).isPositive();
    assertThat(scrape.sum(MetricNames.AGENT_ERRORS + "_total")).isZero();
    assertThat(jvm.get("/queries").body())
        .contains("SELECT title, salary FROM jobs WHERE id = ?")
        .contains("DELETE FROM jobs WHERE id = ?");
  }
}
