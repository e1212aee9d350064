package io.qnwis.it.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Scrape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link ExecutorUsingService} with the agent attached, on one JDK (thin subclasses pick it): exact
 * task counts per pool and per task class for each submission style, queue wait, rejections,
 * gauges, the pool cap, and that a service's own view of its pools is unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ExecutorScenarioTest {

  private static final String CONFIG =
      """
      executor:
        enabled: true
        pools:
          - {name: capped, match: "exec-capped-*", max_pool_size: %d}
      reload_interval: 250ms
      """;

  private AgentJvm jvm;
  private Path config;

  abstract Path javaHome();

  @BeforeAll
  void startService() throws Exception {
    Assumptions.assumeTrue(javaHome() != null, "JDK not installed");
    config = Files.createTempFile("executor-agent-", ".yaml");
    Files.writeString(config, CONFIG.formatted(3));
    config.toFile().deleteOnExit();
    jvm =
        AgentJvm.builder(ExecutorUsingService.class)
            .javaHome(javaHome())
            .config(config)
            .start()
            .awaitReady()
            .awaitEndpoint();
  }

  @AfterAll
  void stopService() {
    if (jvm != null) {
      jvm.close();
    }
  }

  /**
   * Waits until the scrape shows every expected value. A task's future completes before its worker
   * records the run, so values read right after a first one matches may still be a run behind.
   */
  private void eventually(Consumer<Scrape> expectations) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> expectations.accept(jvm.scrape()));
  }

  private double taskCount(Scrape scrape, String agentName) {
    return scrape.value("qnwis_agent_latency_seconds_count", "agent_name", agentName);
  }

  @Test
  void countsEveryThreadPoolTaskOnceWhateverTheSubmissionStyle() {
    eventually(
        scrape -> {
          assertThat(scrape.value("qnwis_executor_task_seconds_count", "executor", "exec-tpe"))
              .isEqualTo(20);
          assertThat(
                  scrape.value("qnwis_executor_queue_wait_seconds_count", "executor", "exec-tpe"))
              .isEqualTo(20);
          assertThat(taskCount(scrape, "ExecuteTask")).isEqualTo(3);
          assertThat(taskCount(scrape, "SubmitCallable")).isEqualTo(4);
          assertThat(taskCount(scrape, "SubmitRunnable")).isEqualTo(2);
          assertThat(taskCount(scrape, "InvokeAllTask")).isEqualTo(5);
          assertThat(taskCount(scrape, "SupplyTask")).isEqualTo(2);
          assertThat(taskCount(scrape, "ExecutorUsingService$lambda")).isEqualTo(1);
        });
  }

  @Test
  void countsInvokeAnyTasksThatRanInBothPoolKinds() {
    eventually(
        scrape -> {
          assertThat(taskCount(scrape, "AnyTask")).isEqualTo(2);
          assertThat(taskCount(scrape, "FailingAnyTask")).isEqualTo(4);
        });
    assertThat(jvm.output()).contains("invokeAny tpe any-ok", "invokeAny fj any-ok");
  }

  @Test
  void countsOneShotScheduledTasksButNotPeriodicRuns() {
    eventually(
        scrape -> {
          assertThat(scrape.value("qnwis_executor_task_seconds_count", "executor", "exec-sched"))
              .isEqualTo(3);
          assertThat(taskCount(scrape, "ScheduledTask")).isEqualTo(2);
          assertThat(taskCount(scrape, "ScheduledCallable")).isEqualTo(1);
        });
  }

  @Test
  void countsEveryForkJoinPoolTaskOnceWhateverTheSubmissionStyle() {
    eventually(
        scrape -> {
          assertThat(scrape.value("qnwis_executor_task_seconds_count", "executor", "exec-fj"))
              .isEqualTo(14);
          assertThat(taskCount(scrape, "ForkJoinExecuteTask")).isEqualTo(2);
          assertThat(taskCount(scrape, "ForkJoinCallable")).isEqualTo(3);
          assertThat(taskCount(scrape, "ForkJoinInvokeAllTask")).isEqualTo(4);
          assertThat(taskCount(scrape, "ForkJoinSupplyTask")).isEqualTo(2);
        });
  }

  @Test
  void foldsTheJdkDefaultThreadNamesOfSeveralPoolsIntoOneExecutor() {
    eventually(
        scrape -> {
          assertThat(scrape.value("qnwis_executor_task_seconds_count", "executor", "pool"))
              .isEqualTo(2);
          assertThat(taskCount(scrape, "DefaultPoolTask")).isEqualTo(2);
        });
  }

  @Test
  void showsQueueWaitAndCountsRejectionsWhenThePoolIsSaturated() {
    eventually(
        scrape -> {
          assertThat(scrape.value("qnwis_executor_task_seconds_count", "executor", "exec-sat"))
              .isEqualTo(2);
          assertThat(scrape.value("qnwis_executor_rejected_total", "executor", "exec-sat"))
              .isEqualTo(2);
          // The queued task cannot start before the blocking one is released, 300 ms after it
          // queued.
          assertThat(scrape.value("qnwis_executor_queue_wait_seconds_sum", "executor", "exec-sat"))
              .isGreaterThanOrEqualTo(0.3);
        });
    assertThat(jvm.output()).contains("saturated rejected=2");
  }

  @Test
  void readsPoolGaugesAtScrapeTime() {
    eventually(
        scrape -> {
          assertThat(
                  scrape.value(
                      "qnwis_executor_threads", "executor", "exec-held", "state", "active"))
              .isEqualTo(1);
          assertThat(
                  scrape.value("qnwis_executor_threads", "executor", "exec-held", "state", "pool"))
              .isEqualTo(1);
          assertThat(
                  scrape.value("qnwis_executor_threads", "executor", "exec-held", "state", "max"))
              .isEqualTo(1);
          assertThat(scrape.value("qnwis_executor_queue_depth", "executor", "exec-held"))
              .isEqualTo(1);
        });
  }

  @Test
  void leavesTheServiceViewOfItsQueueUnchanged() {
    assertThat(jvm.output())
        .contains(
            "remove=true",
            "shutdownNow gave back the queued task=true and the submitted future=true,"
                + " a FutureTask=true printed as one=true",
            "own-task pools ran=true");
  }

  @Test
  void neverMeasuresTheSchedulingOfVirtualThreads() {
    Assumptions.assumeTrue(jvm.output().contains("virtual threads: 20 ran"), "JDK 21+ only");

    assertThat(jvm.scrape().text()).doesNotContain("agent_name=\"VirtualThread");
  }

  @Test
  void reportsNoInternalError() {
    assertThat(jvm.scrape().sum("qnwis_agent_errors_total")).isZero();
  }

  @Test
  void neverMeasuresTheAgentsOwnPools() {
    assertThat(jvm.scrape().text()).doesNotContain("executor=\"qnwis-perf");
  }

  @Test
  @Order(1)
  void capsTheMaximumPoolSizeOfPoolsMatchingAConfiguredRule() {
    assertThat(jvm.output()).contains("capped max=3 core=3", "capped after set max=3");
    eventually(
        scrape -> {
          assertThat(scrape.value("qnwis_executor_task_seconds_count", "executor", "capped"))
              .isEqualTo(1);
          assertThat(scrape.value("qnwis_executor_bounds_applied_total", "executor", "capped"))
              .isEqualTo(2);
          assertThat(scrape.value("qnwis_executor_threads", "executor", "capped", "state", "max"))
              .isEqualTo(3);
        });
  }

  @Test
  @Order(2)
  void capsAgainWhenTheConfigChangesWhileThePoolRuns() throws Exception {
    Files.writeString(config, CONFIG.formatted(2));

    eventually(
        scrape -> {
          assertThat(scrape.value("qnwis_executor_threads", "executor", "capped", "state", "max"))
              .isEqualTo(2);
          assertThat(scrape.value("qnwis_executor_bounds_applied_total", "executor", "capped"))
              .isEqualTo(3);
        });
  }
}
