package io.qnwis.it.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At premain the agent loads none of the JDK's executors before its weaver is in place (not through
 * its metrics library, not for its own threads), so a service's first pool loads them and they are
 * woven as they load: no retransformation, whose JVM redefinition would sit on the start path of
 * every service that waits at the start gate. The JVM's class-load log names a retransformed
 * class's source {@code __VM_RedefineClasses__}.
 */
class ExecutorsWovenAsTheyLoadTest {

  private static final List<String> EXECUTORS =
      List.of(
          "java.util.concurrent.AbstractExecutorService",
          "java.util.concurrent.ThreadPoolExecutor",
          "java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask",
          "java.util.concurrent.ForkJoinPool");

  @Test
  void executorsThatLoadAfterPremainAreWovenAsTheyLoadNotRetransformed(@TempDir Path dir)
      throws Exception {
    Path classLoads = dir.resolve("class-load.log");
    try (AgentJvm jvm =
        AgentJvm.builder(FirstLineExecutorService.class)
            .jvmArg("-Xlog:class+load=info:file=" + classLoads)
            .start()) {
      jvm.awaitReady().awaitEndpoint();

      // Woven: the three tasks of the pool main() made first were observed.
      assertThat(
              jvm.scrape()
                  .value("qnwis_executor_task_seconds_count", "executor", "exec-first-line"))
          .isEqualTo(3);
      String log = Files.readString(classLoads);
      assertThat(log).contains("java.util.concurrent.ThreadPoolExecutor source:");
      for (String executor : EXECUTORS) {
        assertThat(log).doesNotContain(executor + " source: __VM_RedefineClasses__");
      }
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }

  /**
   * Nothing the agent does before a thread pool's first task loads ForkJoinPool: its first
   * ForkJoinPool check used to, and the agent then wove that class on the task's path (about 30 ms
   * of a waiting service's start). The JDK loads it later anyway, once a worker blocks.
   */
  @Test
  void aThreadPoolsFirstTaskWaitsForNoForkJoinPoolWeave(@TempDir Path dir) throws Exception {
    Path classLoads = dir.resolve("class-load.log");
    try (AgentJvm jvm =
        AgentJvm.builder(FirstTaskClassLoadService.class)
            .jvmArg("-Xlog:class+load=info:file=" + classLoads)
            .args(classLoads.toString())
            .start()) {
      jvm.awaitReady();

      assertThat(jvm.output()).contains("loaded before the first task ran: [ThreadPoolExecutor]\n");
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }
}
