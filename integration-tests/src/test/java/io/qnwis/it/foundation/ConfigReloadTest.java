package io.qnwis.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Scrape;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The agent re-reads its config file while the service runs. */
class ConfigReloadTest {

  static final String FIRST =
      """
      jdbc: {slow_query_threshold: 500ms}
      executor:
        pools:
          - {name: agents, match: "qnwis-agent-*", max_pool_size: 8}
      reload_interval: 200ms
      """;

  static final String SECOND =
      """
      jdbc: {slow_query_threshold: 2s}
      executor:
        pools:
          - {name: agents, match: "qnwis-agent-*", max_pool_size: 4}
          - {name: reports, match: "report-*"}
      reload_interval: 200ms
      """;

  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource("io.qnwis.it.support.Jdks#all")
  void appliesAChangedConfigAndShowsItInConfig(Path javaHome) throws Exception {
    Path file = ConfigFile.write(dir.resolve("agent.yaml"), FIRST);
    try (AgentJvm jvm =
        AgentJvm.builder(IdleService.class).javaHome(javaHome).config(file).start()) {
      jvm.awaitReady().awaitEndpoint();
      assertThat(jvm.get("/config").body())
          .contains("\"slow_query_threshold\":\"500ms\"")
          .contains("\"max_pool_size\":8");

      ConfigFile.write(file, SECOND);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(jvm.scrape().value(reloads(), "result", "applied")).isEqualTo(1));
      assertThat(jvm.get("/config").body())
          .contains("\"slow_query_threshold\":\"2s\"")
          .contains("{\"name\":\"agents\",\"match\":\"qnwis-agent-*\",\"max_pool_size\":4}")
          .contains("{\"name\":\"reports\",\"match\":\"report-*\",\"max_pool_size\":null}");
      Scrape scrape = jvm.scrape();
      assertThat(scrape.value(reloads(), "result", "rejected")).isZero();
      assertThat(scrape.value("qnwis_agent_config_valid")).isEqualTo(1);
      assertThat(jvm.output()).contains("[qnwis-agent] config reloaded from " + file);
    }
  }

  @ParameterizedTest
  @MethodSource("io.qnwis.it.support.Jdks#all")
  void keepsThePreviousConfigWhenTheChangedFileIsInvalid(Path javaHome) throws Exception {
    Path file = ConfigFile.write(dir.resolve("agent.yaml"), FIRST);
    try (AgentJvm jvm =
        AgentJvm.builder(IdleService.class).javaHome(javaHome).config(file).start()) {
      jvm.awaitReady().awaitEndpoint();

      ConfigFile.write(
          file,
          """
          jdbc: {slow_query_threshold: -2s}
          executor:
            pools:
              - {name: agents, match: "", max_pool_size: 4}
          reload_interval: 200ms
          """);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(jvm.scrape().value(reloads(), "result", "rejected")).isEqualTo(1));
      assertThat(jvm.get("/config").body())
          .startsWith("{\"valid\":true,")
          .contains("\"slow_query_threshold\":\"500ms\"")
          .contains("\"max_pool_size\":8");
      Scrape scrape = jvm.scrape();
      assertThat(scrape.value(reloads(), "result", "applied")).isZero();
      assertThat(scrape.value("qnwis_agent_config_valid")).isEqualTo(1);
      assertThat(jvm.output())
          .contains("changed but is invalid; keeping the config in force")
          .contains("jdbc.slow_query_threshold: \"-2s\" is not a positive duration")
          .contains("executor.pools[0].match: \"\" is an empty pattern");

      ConfigFile.write(file, SECOND);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(jvm.scrape().value(reloads(), "result", "applied")).isEqualTo(1));
      assertThat(jvm.get("/config").body()).contains("\"slow_query_threshold\":\"2s\"");
    }
  }

  private static String reloads() {
    return "qnwis_agent_config_reloads_total";
  }
}
