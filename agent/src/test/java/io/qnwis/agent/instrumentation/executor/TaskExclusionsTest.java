package io.qnwis.agent.instrumentation.executor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskExclusionsTest {

  @Test
  void measuresServiceTasks() {
    Runnable task = () -> {};

    assertThat(TaskExclusions.excluded(task)).isFalse();
    assertThat(TaskExclusions.excluded(new Thread())).isFalse();
  }
}
