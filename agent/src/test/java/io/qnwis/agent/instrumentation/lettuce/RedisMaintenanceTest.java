package io.qnwis.agent.instrumentation.lettuce;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.qnwis.agent.AgentThreads;
import io.qnwis.agent.metrics.AgentMetrics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RedisMaintenanceTest {

  private final AgentMetrics metrics = new AgentMetrics(200, "test");

  @Test
  void theFirstCommandStartsOneThreadThatChecksTimeouts() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    CountDownLatch checks = new CountDownLatch(5);
    RedisMaintenance maintenance =
        new RedisMaintenance(
            () -> {
              threads.add(Thread.currentThread().getName());
              checks.countDown();
            },
            () -> {},
            metrics.errors());
    LettuceHooks hooks =
        new LettuceHooks(
            new LettuceCommandScope(metrics, new CacheRegions(metrics), new InFlightCommands()),
            maintenance,
            null);
    assertThat(maintenance.started()).isFalse();

    // Commands dispatched from several threads at once start it once.
    Thread[] callers = new Thread[4];
    for (int i = 0; i < callers.length; i++) {
      callers[i] = new Thread(() -> hooks.dispatched(null, null, null));
      callers[i].start();
    }
    for (Thread caller : callers) {
      caller.join();
    }

    assertThat(maintenance.started()).isTrue();
    assertThat(checks.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(threads).hasSize(1);
    assertThat(threads.iterator().next()).startsWith(AgentThreads.PREFIX + "redis-");
  }

  @Test
  void aFailingTaskIsCountedAndRunsAgain() throws Exception {
    CountDownLatch twice = new CountDownLatch(2);
    RedisMaintenance maintenance =
        new RedisMaintenance(
            () -> {
              twice.countDown();
              throw new IllegalStateException("boom");
            },
            () -> {},
            metrics.errors());

    maintenance.ensureStarted();

    assertThat(twice.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(agentErrors(LettuceCommandScope.COMPONENT)).isGreaterThanOrEqualTo(1);
  }

  private double agentErrors(String component) {
    for (MetricSnapshot snapshot : metrics.registry().scrape()) {
      if (snapshot instanceof CounterSnapshot counters
          && counters.getMetadata().getPrometheusName().equals("qnwis_agent_errors")) {
        for (CounterSnapshot.CounterDataPointSnapshot point : counters.getDataPoints()) {
          if (component.equals(point.getLabels().get("component"))) {
            return point.getValue();
          }
        }
      }
    }
    return 0;
  }
}
