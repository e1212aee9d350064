package io.qnwis.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.metrics.MetricNames;
import io.qnwis.bench.Mode;
import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Scrape;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Beside the OpenTelemetry Java agent, attached first, as a service that already has tracing would
 * have it. That agent adds interfaces it generates at run time to the classes it instruments
 * (HikariCP's configuration, drivers' statements), and those have no class file: this agent, which
 * finds JDBC classes by the interfaces they implement, once lost HikariCP's data source and H2's
 * prepared statements there, and with them the pool's metrics.
 */
class WithOpenTelemetryAgentTest {

  @Test
  void observesStatementsAndThePoolAsWhenAlone() throws Exception {
    try (AgentJvm jvm =
        AgentJvm.builder(HikariH2Service.class)
            .jvmArg("-javaagent:" + Mode.otelJar())
            .jvmArg("-Dotel.traces.exporter=none")
            .jvmArg("-Dotel.metrics.exporter=none")
            .jvmArg("-Dotel.logs.exporter=none")
            .jvmArg("-Dqnwis.agent.debug=true")
            .start()) {
      jvm.awaitReady().awaitEndpoint();
      Scrape scrape = jvm.scrape();

      assertThat(jvm.output()).contains("opentelemetry-javaagent - version");
      assertThat(jvm.output())
          .contains("[qnwis-agent] instrumented com.zaxxer.hikari.HikariDataSource")
          .contains("[qnwis-agent] instrumented org.h2.jdbc.JdbcPreparedStatement");
      JdbcForkedTest.assertWorkloadCounted(scrape);
      JdbcForkedTest.assertHikariPoolObserved(scrape);
      assertThat(scrape.sum(MetricNames.AGENT_ERRORS + "_total")).isZero();
      assertThat(jvm.finish(Duration.ofSeconds(20))).isZero();
    }
  }
}
