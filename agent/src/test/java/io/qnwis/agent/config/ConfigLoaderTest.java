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

  // --- problems: each names its path ---

  @Test
  void negativeDurationNamesItsPath() {
    assertThat(
            problems(
                """
                redis:
                  regions:
                    - {name: a, match: "a:*"}
                    - {name: b, match: "b:*", ttl: {mode: adaptive, min: -5s, max: 1m}}
                """))
        .containsExactly("redis.regions[1].ttl.min: \"-5s\" is not a positive duration");
  }

  @Test
  void zeroDurationIsNotPositive() {
    assertThat(problems("reload_interval: 0s\n"))
        .containsExactly("reload_interval: \"0s\" is not a positive duration");
  }

  @Test
  void durationWithoutUnitIsRejected() {
    assertThat(problems("jdbc: {slow_query_threshold: 500}\n"))
        .containsExactly(
            "jdbc.slow_query_threshold: 500 has no unit: write a duration like 250ms, 30s, 5m or 1h");
  }

  @Test
  void bareZeroDurationIsRejectedToo() {
    assertThat(problems("redis: {command_timeout: 0}\n"))
        .containsExactly(
            "redis.command_timeout: 0 has no unit: write a duration like 250ms, 30s, 5m or 1h");
  }

  @Test
  void durationWithUnknownUnitIsRejected() {
    assertThat(problems("jdbc: {timeouts: {default: 2 days}}\n"))
        .containsExactly(
            "jdbc.timeouts.default: \"2 days\" is not a duration like 250ms, 30s, 5m or 1h");
  }

  @Test
  void unknownTopLevelKeyListsTheAllowedKeys() {
    assertThat(problems("reload_intervall: 5s\n"))
        .containsExactly(
            "reload_intervall: unknown key (allowed: metrics, jdbc, redis, executor,"
                + " reload_interval)");
  }

  @Test
  void unknownNestedKeyNamesItsPath() {
    assertThat(problems("jdbc: {timeouts: {defualt: 5s}}\n"))
        .containsExactly("jdbc.timeouts.defualt: unknown key (allowed: default, rules)");
  }

  @Test
  void unknownKeyInListElementNamesTheIndex() {
    assertThat(problems("executor: {pools: [{name: a, match: 'a-*', max_threads: 3}]}\n"))
        .containsExactly(
            "executor.pools[0].max_threads: unknown key (allowed: name, match, max_pool_size)");
  }

  @Test
  void ttlKeyOfAnotherModeIsUnknown() {
    assertThat(problems("redis: {default_ttl: {mode: fixed, value: 1m, min: 1s}}\n"))
        .containsExactly(
            "redis.default_ttl.min: unknown key for mode fixed (allowed: mode, value)");
  }

  @Test
  void passthroughTtlTakesNoOtherKeys() {
    assertThat(problems("redis: {default_ttl: {mode: passthrough, value: 1m}}\n"))
        .containsExactly(
            "redis.default_ttl.value: unknown key for mode passthrough (allowed: mode)");
  }

  @Test
  void unknownTtlModeListsTheModes() {
    assertThat(problems("redis: {default_ttl: {mode: sliding}}\n"))
        .containsExactly(
            "redis.default_ttl.mode: \"sliding\" is not one of adaptive, fixed, passthrough");
  }

  @Test
  void ttlWithoutModeIsRequired() {
    assertThat(problems("redis: {default_ttl: {value: 1m}}\n"))
        .contains("redis.default_ttl.mode: is required");
  }

  @Test
  void ttlThatIsNotAMapIsOneProblem() {
    assertThat(problems("redis: {default_ttl: passthrough}\n"))
        .containsExactly("redis.default_ttl: \"passthrough\" is not a map");
  }

  @Test
  void minAboveMaxIsAnError() {
    assertThat(problems("redis: {default_ttl: {mode: adaptive, min: 2h, max: 30m}}\n"))
        .containsExactly("redis.default_ttl.min: 2h is greater than max (30m)");
  }

  @Test
  void adaptiveNeedsMinAndMax() {
    assertThat(problems("redis: {default_ttl: {mode: adaptive}}\n"))
        .containsExactly(
            "redis.default_ttl.min: is required", "redis.default_ttl.max: is required");
  }

  @Test
  void fixedNeedsValue() {
    assertThat(problems("redis: {default_ttl: {mode: fixed}}\n"))
        .containsExactly("redis.default_ttl.value: is required");
  }

  @Test
  void staleRatioOfOneIsOutOfRange() {
    assertThat(
            problems(
                "redis: {default_ttl: {mode: adaptive, min: 1s, max: 1m, max_stale_ratio: 1}}\n"))
        .containsExactly("redis.default_ttl.max_stale_ratio: 1 is not strictly between 0 and 1");
  }

  @Test
  void staleRatioOfZeroIsOutOfRange() {
    assertThat(
            problems(
                "redis: {default_ttl: {mode: adaptive, min: 1s, max: 1m, max_stale_ratio: 0.0}}\n"))
        .containsExactly("redis.default_ttl.max_stale_ratio: 0.0 is not strictly between 0 and 1");
  }

  @Test
  void staleRatioMustBeANumber() {
    assertThat(
            problems(
                "redis: {default_ttl: {mode: adaptive, min: 1s, max: 1m, max_stale_ratio: 5%}}\n"))
        .containsExactly("redis.default_ttl.max_stale_ratio: \"5%\" is not a number");
  }

  @Test
  void emptyGlobIsAnError() {
    assertThat(problems("jdbc: {timeouts: {rules: [{match: '', timeout: 1s}]}}\n"))
        .containsExactly("jdbc.timeouts.rules[0].match: \"\" is an empty pattern");
  }

  @Test
  void blankGlobIsAnError() {
    assertThat(problems("executor: {pools: [{name: a, match: '   '}]}\n"))
        .containsExactly("executor.pools[0].match: \"   \" is an empty pattern");
  }

  @Test
  void missingGlobIsRequired() {
    assertThat(problems("redis: {regions: [{name: a}]}\n"))
        .containsExactly("redis.regions[0].match: is required");
  }

  @Test
  void duplicateRegionNamesAreAnError() {
    assertThat(
            problems(
                """
                redis:
                  regions:
                    - {name: query, match: "q:*"}
                    - {name: dash, match: "d:*"}
                    - {name: query, match: "qq:*"}
                """))
        .containsExactly(
            "redis.regions[2].name: \"query\" is already the name of redis.regions[0]");
  }

  @Test
  void portOutOfRangeIsAnError() {
    assertThat(problems("metrics: {port: 70000}\n"))
        .containsExactly("metrics.port: 70000 is not a port number (1–65535)");
  }

  @Test
  void portZeroIsAnError() {
    assertThat(problems("metrics: {port: 0}\n"))
        .containsExactly("metrics.port: 0 is not a port number (1–65535)");
  }

  @Test
  void portAsTextIsTheWrongType() {
    assertThat(problems("metrics: {port: http}\n"))
        .containsExactly("metrics.port: \"http\" is not an integer");
  }

  @Test
  void hugeIntegerIsTooLarge() {
    assertThat(problems("metrics: {max_label_values: 99999999999}\n"))
        .containsExactly("metrics.max_label_values: 99999999999 is too large for an integer");
  }

  @Test
  void labelValueCapMustBePositive() {
    assertThat(problems("metrics: {max_label_values: 0}\n"))
        .containsExactly("metrics.max_label_values: 0 is not a label-value cap (1–10000)");
  }

  @Test
  void blankHostIsAnError() {
    assertThat(problems("metrics: {host: ' '}\n")).containsExactly("metrics.host: \" \" is blank");
  }

  @Test
  void enabledMustBeABoolean() {
    assertThat(problems("jdbc: {enabled: sometimes}\n"))
        .containsExactly("jdbc.enabled: \"sometimes\" is not true or false");
  }

  @Test
  void numberWhereAStringBelongsAsksForQuotes() {
    assertThat(problems("redis: {regions: [{name: 42, match: 'a:*'}]}\n"))
        .containsExactly("redis.regions[0].name: 42 is not a string (put it in quotes)");
  }

  @Test
  void maxPoolSizeMustBePositive() {
    assertThat(problems("executor: {pools: [{name: a, match: 'a-*', max_pool_size: 0}]}\n"))
        .containsExactly("executor.pools[0].max_pool_size: 0 is less than 1");
  }

  @Test
  void passwordHashMustBe64HexDigitsAndIsNotEchoed() {
    List<String> problems =
        problems("metrics: {basic_auth: {username: ops, password_sha256: hunter2}}\n");

    assertThat(problems)
        .containsExactly(
            "metrics.basic_auth.password_sha256: the value is not a SHA-256 hash (64 hex digits)");
    assertThat(String.join("\n", problems)).doesNotContain("hunter2");
  }

  @Test
  void basicAuthNeedsBothKeys() {
    assertThat(problems("metrics: {basic_auth: {}}\n"))
        .containsExactly(
            "metrics.basic_auth.username: is required",
            "metrics.basic_auth.password_sha256: is required");
  }

  @Test
  void basicAuthAcceptsUpperCaseHex() {
    AgentConfig config =
        valid(
            "metrics: {basic_auth: {username: ops, password_sha256: %s}}\n"
                .formatted(HASH.toUpperCase()));

    assertThat(config.metrics().basicAuth().username()).isEqualTo("ops");
  }

  @Test
  void sectionThatIsNotAMapIsOneProblem() {
    assertThat(problems("metrics: 9400\n")).containsExactly("metrics: 9400 is not a map");
  }

  @Test
  void listThatIsNotAListIsOneProblem() {
    assertThat(problems("executor: {pools: {name: a}}\n"))
        .containsExactly("executor.pools: a map is not a list");
  }

  @Test
  void listElementThatIsNotAMapIsAProblem() {
    assertThat(problems("redis: {regions: [query]}\n"))
        .containsExactly("redis.regions[0]: \"query\" is not a map");
  }

  @Test
  void documentThatIsNotAMapIsOneProblem() {
    assertThat(problems("- metrics\n"))
        .containsExactly("(top level): a list is not a map of config sections");
  }

  @Test
  void everyProblemOfAFileIsReportedAtOnce() {
    assertThat(
            problems(
                """
                metrics: {port: -1, colour: blue}
                jdbc: {slow_query_threshold: fast}
                reload_interval: 0s
                """))
        .containsExactlyInAnyOrder(
            "metrics.colour: unknown key (allowed: host, port, max_label_values, basic_auth)",
            "metrics.port: -1 is not a port number (1–65535)",
            "jdbc.slow_query_threshold: \"fast\" is not a duration like 250ms, 30s, 5m or 1h",
            "reload_interval: \"0s\" is not a positive duration");
  }

  // --- YAML syntax ---

  @Test
  void syntaxErrorGivesLineAndColumn() {
    List<String> problems = problems("metrics:\n  port: 9400\n jdbc: {enabled: true}\n");

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("test.yaml: YAML syntax error at line 3, column ");
  }

  @Test
  void unclosedFlowMappingIsASyntaxError() {
    assertThat(problems("metrics: {port: 9400\n"))
        .singleElement()
        .asString()
        .startsWith("test.yaml: YAML syntax error at line ");
  }

  @Test
  void duplicateKeyIsASyntaxError() {
    assertThat(problems("metrics:\n  port: 1\n  port: 2\n"))
        .singleElement()
        .asString()
        .contains("line 3, column 3")
        .contains("duplicate key port");
  }

  @Test
  void tabIndentationIsASyntaxError() {
    assertThat(problems("metrics:\n\tport: 9400\n"))
        .singleElement()
        .asString()
        .startsWith("test.yaml: YAML syntax error at line 2");
  }

  @Test
  void yamlTagsForJavaObjectsAreRefused() {
    assertThat(problems("metrics: !!java.io.File {path: /tmp}\n"))
        .singleElement()
        .asString()
        .startsWith("test.yaml: YAML syntax error");
  }

  @Test
  void deeplyNestedDocumentIsRefusedNotAStackOverflow() {
    assertThat(problems("a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n")).hasSize(1);
  }

  @Test
  void nullContentIsAProblemNotAnException() {
    assertThat(ConfigLoader.parse(null, "test.yaml").problems())
        .containsExactly("test.yaml: no content");
  }

  @Test
  void manyAliasesAreRefused() {
    StringBuilder yaml = new StringBuilder("base: &b [x]\nlist: [");
    for (int i = 0; i < 100; i++) {
      yaml.append(i == 0 ? "" : ", ").append("*b");
    }
    yaml.append("]\n");

    assertThat(problems(yaml.toString())).singleElement().asString().startsWith("test.yaml:");
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
