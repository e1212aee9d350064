package io.qnwis.agent.instrumentation.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.config.AgentConfig.PoolRule;
import io.qnwis.agent.config.Glob;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorNamesTest {

  @Test
  void dropsTheThreadCounterFromTheName() {
    assertThat(ExecutorNames.prefix("qnwis-agent-3")).isEqualTo("qnwis-agent");
    assertThat(ExecutorNames.prefix("worker_12")).isEqualTo("worker");
    assertThat(ExecutorNames.prefix("http-nio-8080-exec-1")).isEqualTo("http-nio-8080-exec");
    assertThat(ExecutorNames.prefix("scheduler")).isEqualTo("scheduler");
  }

  @Test
  void foldsTheJdkDefaultNamesOfEveryPoolIntoOneValue() {
    assertThat(ExecutorNames.prefix("pool-1-thread-1")).isEqualTo("pool");
    assertThat(ExecutorNames.prefix("pool-917-thread-3")).isEqualTo("pool");
    assertThat(ExecutorNames.prefix("ForkJoinPool-12-worker-5")).isEqualTo("ForkJoinPool");
    assertThat(ExecutorNames.prefix("ForkJoinPool.commonPool-worker-2"))
        .isEqualTo("ForkJoinPool.commonPool-worker");
  }

  @Test
  void namesAThreadOfDigitsOnlyUnnamed() {
    assertThat(ExecutorNames.prefix("42")).isEqualTo(ExecutorNames.UNNAMED);
  }

  @Test
  void usesTheNameOfTheFirstMatchingConfiguredPool() {
    List<PoolRule> rules =
        List.of(
            new PoolRule("analysis", Glob.compile("QNWIS-AGENT-*"), 8),
            new PoolRule("everything", Glob.compile("*"), null));

    assertThat(ExecutorNames.of("qnwis-agent-3", rules)).isEqualTo("analysis");
    assertThat(ExecutorNames.of("pool-1-thread-1", rules)).isEqualTo("everything");
    assertThat(ExecutorNames.of("pool-1-thread-1", List.of())).isEqualTo("pool");
  }
}
