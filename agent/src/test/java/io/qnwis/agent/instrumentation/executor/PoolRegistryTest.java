package io.qnwis.agent.instrumentation.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.AgentThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PoolRegistryTest {

  @Test
  void namesAServicePoolAfterTheThreadRunningItsTask() {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            Executors.defaultThreadFactory());
    try {
      Thread runner = new Thread(() -> {}, "qnwis-agent-3");

      assertThat(PoolRegistry.nameSource(pool, runner)).isEqualTo("qnwis-agent-3");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void treatsAPoolBuiltWithTheAgentsThreadFactoryAsTheAgentsOwn() {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), AgentThreads.factory("test"));
    try {
      Thread runner = new Thread(() -> {}, "prometheus-metrics-scheduler");

      assertThat(PoolRegistry.nameSource(pool, runner)).startsWith(AgentThreads.PREFIX);
    } finally {
      pool.shutdownNow();
    }
  }
}
