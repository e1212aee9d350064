package io.qnwis.it.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Jdks;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DroppedPoolTest {

  static java.util.stream.Stream<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aPoolTheServiceDropsIsGarbageCollectedWithTheAgentAttached(Path javaHome) {
    try (AgentJvm jvm = AgentJvm.builder(DroppedPoolService.class).javaHome(javaHome).start()) {
      jvm.awaitReady().awaitEndpoint();

      assertThat(
              jvm.scrape().value("qnwis_executor_task_seconds_count", "executor", "exec-dropped"))
          .isEqualTo(5);
      assertThat(jvm.output())
          .contains("thread pool collected=true", "fork-join pool collected=true");
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }
}
