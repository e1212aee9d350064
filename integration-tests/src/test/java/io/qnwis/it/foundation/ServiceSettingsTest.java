package io.qnwis.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Jdks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent leaves the JVM-wide settings a service may choose in main() to the service: its logging
 * manager, and the JDK HTTP server's settings (the agent's endpoint does not use that server).
 */
class ServiceSettingsTest {

  static Stream<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void theServiceChoosesItsLogManagerAfterTheAgentHasServedItsEndpoint(Path javaHome)
      throws Exception {
    try (AgentJvm jvm = AgentJvm.builder(OwnLogManagerService.class).javaHome(javaHome).start()) {
      jvm.awaitReady().awaitEndpoint();
      assertThat(jvm.scrape().value("qnwis_agent_config_valid")).isEqualTo(1);
      assertThat(jvm.get("/metrics", Map.of("Accept-Encoding", "gzip")).statusCode())
          .isEqualTo(200);
      assertThat(jvm.get("/config").statusCode()).isEqualTo(200);
      assertThat(jvm.get("/absent").statusCode()).isEqualTo(404);

      jvm.tell("choose");
      jvm.awaitOutput("log manager: ", Duration.ofSeconds(30));

      assertThat(jvm.output())
          .contains("log manager: " + OwnLogManagerService.ServiceLogManager.class.getName());
      assertThat(jvm.scrape().sum("qnwis_agent_errors_total")).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void theServiceTunesItsOwnJdkHttpServerAfterTheAgentHasServedItsEndpoint(Path javaHome)
      throws Exception {
    try (AgentJvm jvm = AgentJvm.builder(OwnHttpServerService.class).javaHome(javaHome).start()) {
      jvm.awaitReady().awaitEndpoint();
      assertThat(jvm.get("/metrics").statusCode()).isEqualTo(200);
      assertThat(jvm.get("/health").statusCode()).isEqualTo(200);

      jvm.tell("serve");
      jvm.awaitOutput("max request headers honoured: ", Duration.ofSeconds(30));

      assertThat(jvm.output()).contains("max request headers honoured: true");
      assertThat(jvm.scrape().sum("qnwis_agent_errors_total")).isZero();
    }
  }
}
