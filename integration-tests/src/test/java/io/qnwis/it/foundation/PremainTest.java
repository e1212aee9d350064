package io.qnwis.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Jdks;
import io.qnwis.it.support.Scrape;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PremainTest {

  static java.util.stream.Stream<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void servesAgentInfoOnItsOwnPortWithoutConfig(Path javaHome) throws Exception {
    try (AgentJvm jvm = AgentJvm.builder(IdleService.class).javaHome(javaHome).start()) {
      jvm.awaitReady().awaitEndpoint();

      Scrape scrape = jvm.scrape();

      assertThat(scrape.value("qnwis_agent_info", "version", "0.1.0-SNAPSHOT")).isEqualTo(1);
      assertThat(scrape.value("qnwis_agent_config_valid")).isEqualTo(1);
      assertThat(jvm.output()).contains("idle service main() ran");
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }

  /**
   * Premain leaves the costly part of starting to an agent thread: a main() that touches nothing
   * the agent instruments runs beside it, and the agent still comes up complete.
   */
  @Test
  void mainThatNamesNoTargetRunsWhileTheAgentStarts() throws Exception {
    try (AgentJvm jvm = AgentJvm.builder(EarlyMainService.class).start()) {
      jvm.awaitReady().awaitEndpoint();

      assertThat(jvm.output()).contains("agent still starting when main() began: true");
      assertThat(jvm.scrape().value("qnwis_agent_info", "version", "0.1.0-SNAPSHOT")).isEqualTo(1);
      assertThat(jvm.output()).contains("started in");
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }
}
