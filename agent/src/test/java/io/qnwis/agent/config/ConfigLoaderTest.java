package io.qnwis.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.config.AgentConfig.TtlPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  static final String HASH = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";

  /** The example of DESIGN.md section 4, verbatim. */
  static final String DESIGN_EXAMPLE =
      """
      metrics:
        host: 127.0.0.1          # loopback by default; 0.0.0.0 only when asked
        port: 9400
        max_label_values: 200
        basic_auth: {username: ops, password_sha256: "%s"}   # optional
      jdbc:
        enabled: true
        slow_query_threshold: 500ms
        timeouts:                # JDBC setQueryTimeout is whole seconds: round up
          default: 30s
          rules:
            - {match: "SELECT * FROM employment_stats WHERE *", timeout: 5s}
      redis:
        enabled: true
        command_timeout: 2s
        regions:
          - {name: query, match: "qnwis:query:*", ttl: {mode: adaptive, min: 30s, max: 3600s, max_stale_ratio: 0.05}}
          - {name: dashboard, match: "qnwis:dash:*", ttl: {mode: fixed, value: 60s}}
        default_ttl: {mode: passthrough}
      executor:
        enabled: true
        pools:
          - {name: agents, match: "qnwis-agent-*", max_pool_size: 8}   # glob on thread name
      reload_interval: 5s
      """
          .formatted(HASH);

  static AgentConfig valid(String yaml) {
    ConfigResult result = ConfigLoader.parse(yaml, "test.yaml");
    assertThat(result.problems()).isEmpty();
    assertThat(result.valid()).isTrue();
    return result.config();
  }

  static List<String> problems(String yaml) {
    ConfigResult result = ConfigLoader.parse(yaml, "test.yaml");
    assertThat(result.valid()).isFalse();
    assertThat(result.config()).isNull();
    return result.problems();
  }

  @Test
  void readsTheDesignExampleIntoTypedRecords() {
    AgentConfig config = valid(DESIGN_EXAMPLE);

    assertThat(config.metrics())
        .isEqualTo(
            new AgentConfig.MetricsConfig(
                "127.0.0.1", 9400, 200, new AgentConfig.BasicAuth("ops", HASH)));
    assertThat(config.jdbc().enabled()).isTrue();
    assertThat(config.jdbc().slowQueryThreshold()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.jdbc().defaultTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.jdbc().timeoutRules())
        .containsExactly(
            new AgentConfig.TimeoutRule(
                Glob.compile("SELECT * FROM employment_stats WHERE *"), Duration.ofSeconds(5)));
    assertThat(config.redis().commandTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.redis().regions())
        .containsExactly(
            new AgentConfig.Region(
                "query",
                Glob.compile("qnwis:query:*"),
                new TtlPolicy.Adaptive(Duration.ofSeconds(30), Duration.ofHours(1), 0.05)),
            new AgentConfig.Region(
                "dashboard",
                Glob.compile("qnwis:dash:*"),
                new TtlPolicy.Fixed(Duration.ofSeconds(60))));
    assertThat(config.redis().defaultTtl()).isEqualTo(TtlPolicy.Passthrough.INSTANCE);
    assertThat(config.executor().pools())
        .containsExactly(new AgentConfig.PoolRule("agents", Glob.compile("qnwis-agent-*"), 8));
    assertThat(config.reloadInterval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void emptyFileMeansEveryDefault() {
    assertThat(valid("")).isEqualTo(AgentConfig.defaults());
  }

  @Test
  void commentOnlyFileMeansEveryDefault() {
    assertThat(valid("# nothing configured yet\n")).isEqualTo(AgentConfig.defaults());
  }

  @Test
  void emptySectionsMeanDefaults() {
    assertThat(valid("metrics:\njdbc:\nredis:\nexecutor:\n")).isEqualTo(AgentConfig.defaults());
  }

  @Test
  void absentKeysTakeTheirDefaultsBesideGivenOnes() {
    AgentConfig config = valid("metrics: {port: 9500}\n");

    assertThat(config.metrics().port()).isEqualTo(9500);
    assertThat(config.metrics().host()).isEqualTo("127.0.0.1");
    assertThat(config.metrics().maxLabelValues()).isEqualTo(200);
    assertThat(config.metrics().basicAuth()).isNull();
  }

  @Test
  void disablesInstrumentations() {
    AgentConfig config =
        valid("jdbc: {enabled: false}\nredis: {enabled: false}\nexecutor: {enabled: false}\n");

    assertThat(config.jdbc().enabled()).isFalse();
    assertThat(config.redis().enabled()).isFalse();
    assertThat(config.executor().enabled()).isFalse();
  }

  @Test
  void optionalPoliciesAreNullWhenAbsent() {
    AgentConfig config = valid("executor: {pools: [{name: a, match: 'a-*'}]}\n");

    assertThat(config.jdbc().defaultTimeout()).isNull();
    assertThat(config.redis().commandTimeout()).isNull();
    assertThat(config.executor().pools().get(0).maxPoolSize()).isNull();
  }

  @Test
  void regionWithoutTtlIsPassthrough() {
    AgentConfig config = valid("redis: {regions: [{name: q, match: 'q:*'}]}\n");

    assertThat(config.redis().regions().get(0).ttl()).isEqualTo(TtlPolicy.Passthrough.INSTANCE);
  }

  @Test
  void adaptiveTtlDefaultsItsStaleRatio() {
    AgentConfig config = valid("redis: {default_ttl: {mode: adaptive, min: 1s, max: 1m}}\n");

    assertThat(config.redis().defaultTtl())
        .isEqualTo(new TtlPolicy.Adaptive(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.05));
  }

  @Test
  void adaptiveTtlMayHaveEqualMinAndMax() {
    AgentConfig config = valid("redis: {default_ttl: {mode: adaptive, min: 60s, max: 1m}}\n");

    assertThat(config.redis().defaultTtl()).isInstanceOf(TtlPolicy.Adaptive.class);
  }

  @Test
  void listsKeepTheirOrder() {
    AgentConfig config =
        valid(
            """
            jdbc:
              timeouts:
                rules:
                  - {match: "select *", timeout: 1s}
                  - {match: "*", timeout: 2s}
            """);

    assertThat(config.jdbc().timeoutRules())
        .extracting(rule -> rule.match().pattern())
        .containsExactly("select *", "*");
  }

  // --- files ---

  @Test
  void loadsAFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "reload_interval: 1m\n");

    ConfigResult result = ConfigLoader.load(file);

    assertThat(result.valid()).isTrue();
    assertThat(result.config().reloadInterval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void missingFileIsAProblemNotAnException(@TempDir Path dir) {
    Path file = dir.resolve("absent.yaml");

    ConfigResult result = ConfigLoader.load(file);

    assertThat(result.problems())
        .singleElement()
        .asString()
        .startsWith(file + ": cannot read the file (java.nio.file.NoSuchFileException");
  }

  @Test
  void syntaxErrorNamesTheFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "metrics: [\n");

    assertThat(ConfigLoader.load(file).problems())
        .singleElement()
        .asString()
        .startsWith(file + ": YAML syntax error at line");
  }
}
