package io.qnwis.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Jdks;
import io.qnwis.it.support.Scrape;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PremainTest {

  static java.util.stream.Stream<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void servesAgentInfoOnItsOwnPortWithoutConfig(Path javaHome) throws Exception {
    try (AgentJvm jvm = AgentJvm.builder(IdleService.class).javaHome(javaHome).start()) {
      jvm.awaitReady().awaitEndpoint();

      Scrape scrape = jvm.scrape();

      assertThat(scrape.value("qnwis_agent_info", "version", "0.1.0-SNAPSHOT")).isEqualTo(1);
      assertThat(scrape.value("qnwis_agent_config_valid")).isEqualTo(1);
      assertThat(jvm.output()).contains("idle service main() ran");
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }

  @Test
  void startsNoRedisThreadInAServiceThatSendsNoRedisCommand() throws Exception {
    try (AgentJvm jvm = AgentJvm.builder(IdleService.class).start()) {
      jvm.awaitReady().awaitEndpoint();
      assertThat(jvm.output()).contains("lettuce"); // the Redis instrumentation is installed

      String threads = threadDump(jvm.pid());

      assertThat(threads).contains("\"qnwis-perf-http-").doesNotContain("\"qnwis-perf-redis-");
    }
  }

  private static String threadDump(long pid) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
            .redirectErrorStream(true)
            .start();
    String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(dump).isZero();
    return dump;
  }

  /**
   * A service configures its own Prometheus client with IO_PROMETHEUS_* variables, a
   * PROMETHEUS_CONFIG file or a prometheus.properties on its class path. The agent's copy of the
   * client reads none of them: they are not its settings, and a variable it did not know once
   * stopped the agent from starting at all.
   */
  @Test
  void ignoresTheServicesOwnPrometheusClientSettings(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("prometheus.properties"), "io_prometheus_metrics_unknown_setting=1\n");
    try (AgentJvm jvm =
        AgentJvm.builder(IdleService.class)
            .classPath(AgentJvm.serviceClassPath() + File.pathSeparator + dir)
            .env("IO_PROMETHEUS_METRICS_EXEMPLARS_ENABLED", "false")
            .env("IO_PROMETHEUS_EXPORTER_INCLUDE_CREATED_TIMESTAMPS", "true")
            .env("PROMETHEUS_CONFIG", dir.resolve("absent.properties").toString())
            .jvmArg("-Dprometheus.config=" + dir.resolve("absent.properties"))
            .start()) {
      jvm.awaitReady().awaitEndpoint();

      assertThat(jvm.scrape().value("qnwis_agent_info", "version", "0.1.0-SNAPSHOT")).isEqualTo(1);
      assertThat(jvm.get("/metrics").body()).doesNotContain("_created");
      assertThat(jvm.output()).doesNotContain("could not start");
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }

  /**
   * Premain leaves the costly part of starting to an agent thread: a main() that touches nothing
   * the agent instruments runs beside it, and the agent still comes up complete.
   */
  @Test
  void mainThatNamesNoTargetRunsWhileTheAgentStarts() throws Exception {
    try (AgentJvm jvm = AgentJvm.builder(EarlyMainService.class).start()) {
      jvm.awaitReady().awaitEndpoint();

      assertThat(jvm.output()).contains("agent still starting when main() began: true");
      assertThat(jvm.scrape().value("qnwis_agent_info", "version", "0.1.0-SNAPSHOT")).isEqualTo(1);
      assertThat(jvm.output()).contains("started in");
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }
}
