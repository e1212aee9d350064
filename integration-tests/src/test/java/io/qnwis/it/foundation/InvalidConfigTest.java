package io.qnwis.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.it.support.AgentJvm;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An invalid config at start-up never stops the service, unless ops asked with strict=true. */
class InvalidConfigTest {

  static final String INVALID =
      """
      metrics: {max_label_value: 50}
      jdbc:
        timeouts:
          rules:
            - {match: "  ", timeout: 5s}
      redis:
        regions:
          - {name: query, match: "qnwis:query:*", ttl: {mode: adaptive, min: 2h, max: 30m}}
          - {name: dash, match: "qnwis:dash:*", ttl: {mode: adaptive, min: -5s, max: 1m}}
      executor: {enabled: maybe}
      """;

  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource("io.qnwis.it.support.Jdks#all")
  void serviceRunsOnDefaultsAndTheAgentSaysWhatIsWrong(Path javaHome) throws Exception {
    Path file = ConfigFile.write(dir.resolve("agent.yaml"), INVALID);
    try (AgentJvm jvm =
        AgentJvm.builder(IdleService.class).javaHome(javaHome).config(file).start()) {
      jvm.awaitReady().awaitEndpoint();

      assertThat(jvm.scrape().value("qnwis_agent_config_valid")).isZero();
      assertThat(jvm.get("/config").body()).startsWith("{\"valid\":false,");
      assertThat(jvm.output())
          .contains("idle service main() ran")
          .contains("config " + file + " is invalid; running observation-only on defaults")
          .contains(
              "metrics.max_label_value: unknown key (allowed: host, port, max_label_values,"
                  + " basic_auth)")
          .contains("jdbc.timeouts.rules[0].match: \"  \" is an empty pattern")
          .contains("redis.regions[0].ttl.min: 2h is greater than max (30m)")
          .contains("redis.regions[1].ttl.min: \"-5s\" is not a positive duration")
          .contains("executor.enabled: \"maybe\" is not true or false");
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }

  @Test
  void yamlSyntaxErrorIsReportedWithItsLine() throws Exception {
    Path file = ConfigFile.write(dir.resolve("agent.yaml"), "metrics:\n  port: 9400\n jdbc: {}\n");
    try (AgentJvm jvm = AgentJvm.builder(IdleService.class).config(file).start()) {
      jvm.awaitReady().awaitEndpoint();

      assertThat(jvm.scrape().value("qnwis_agent_config_valid")).isZero();
      assertThat(jvm.output())
          .contains("idle service main() ran")
          .contains(file + ": YAML syntax error at line 3, column 2");
    }
  }

  @ParameterizedTest
  @MethodSource("io.qnwis.it.support.Jdks#all")
  void strictModeExitsBeforeMainWithEveryProblem(Path javaHome) throws Exception {
    Path file = ConfigFile.write(dir.resolve("agent.yaml"), INVALID);
    try (AgentJvm jvm =
        AgentJvm.builder(IdleService.class)
            .javaHome(javaHome)
            .config(file)
            .agentOptions("strict=true")
            .start()) {

      int status = jvm.finish(Duration.ofSeconds(30));

      assertThat(status).isEqualTo(1);
      assertThat(jvm.output())
          .doesNotContain("idle service main() ran")
          .contains("invalid config and strict=true: exiting before main")
          .contains("redis.regions[1].ttl.min: \"-5s\" is not a positive duration")
          .contains("executor.enabled: \"maybe\" is not true or false");
    }
  }

  @Test
  void strictModeWithAValidConfigRunsTheService() throws Exception {
    Path file = ConfigFile.write(dir.resolve("agent.yaml"), "jdbc: {slow_query_threshold: 1s}\n");
    try (AgentJvm jvm =
        AgentJvm.builder(IdleService.class).config(file).agentOptions("strict=true").start()) {
      jvm.awaitReady().awaitEndpoint();

      assertThat(jvm.scrape().value("qnwis_agent_config_valid")).isEqualTo(1);
      assertThat(jvm.finish(Duration.ofSeconds(10))).isZero();
    }
  }
}
