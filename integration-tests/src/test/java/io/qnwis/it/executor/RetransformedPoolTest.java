package io.qnwis.it.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Retransformer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A second agent retransforming the JDK's executor classes after the agent wove them: the JVM hands
 * it, and then this agent, the classes as they were before this agent's weaving, so each task is
 * still counted once (advice woven twice would count it twice).
 */
class RetransformedPoolTest {

  @Test
  void eachTaskIsCountedOnceAfterASecondAgentRetransformsTheExecutors() throws Exception {
    try (AgentJvm jvm =
        AgentJvm.builder(RetransformedPoolService.class).laterAgent(Retransformer.jar()).start()) {
      jvm.awaitReady().awaitEndpoint();

      assertThat(jvm.output()).containsPattern("RETRANSFORMED [1-9]").doesNotContain("FAILED");
      assertThat(
              jvm.scrape()
                  .value("qnwis_executor_task_seconds_count", "executor", "exec-retransformed"))
          .isEqualTo(10);
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }
}
