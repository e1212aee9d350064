package io.qnwis.it.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code -Dqnwis.agent.debug=true} (docs/operations.md) logs the start-up phases and each class the
 * agent instruments; without it the agent logs neither.
 */
class StartUpDebugLogTest {

  @Test
  void logsStartUpPhasesAndInstrumentedClassesOnlyWhenAsked() throws Exception {
    try (AgentJvm jvm =
        AgentJvm.builder(FirstLineExecutorService.class)
            .jvmArg("-Dqnwis.agent.debug=true")
            .start()) {
      jvm.awaitReady().awaitEndpoint();

      assertThat(jvm.output())
          .contains(
              "[qnwis-agent] start-up: premain at +",
              "[qnwis-agent] start-up: config read at +",
              "[qnwis-agent] start-up: opened at +",
              "[qnwis-agent] instrumented java.util.concurrent.ThreadPoolExecutor");
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
    try (AgentJvm jvm = AgentJvm.builder(FirstLineExecutorService.class).start()) {
      jvm.awaitReady().awaitEndpoint();

      assertThat(jvm.output()).contains("[qnwis-agent] version ");
      assertThat(jvm.output()).doesNotContain("start-up:", "instrumented ");
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }
}
