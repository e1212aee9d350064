package io.qnwis.agent.config;

import static io.qnwis.agent.config.ConfigLoaderTest.HASH;
import static io.qnwis.agent.config.ConfigLoaderTest.problems;
import static io.qnwis.agent.config.ConfigLoaderTest.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Invalid configs: every problem is reported, once, naming its path. */
class ConfigValidationTest {

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
}
