package io.qnwis.agent.config;

import static io.qnwis.agent.config.ConfigOption.option;

import io.qnwis.agent.config.AgentConfig.TtlPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every key of the config file, in the order of the reference: key, type, default, constraint and
 * meaning live here and nowhere else. {@link ConfigLoader} reads values through these options,
 * {@link ConfigJson} names its fields after them, and a test keeps docs/configuration.md equal to
 * {@link #referenceTable()}.
 */
public final class ConfigOptions {

  public static final ConfigOption<Void> METRICS =
      option("metrics", ValueType.SECTION).describe("The agent's own HTTP endpoint.");
  public static final ConfigOption<String> METRICS_HOST =
      option("metrics.host", ValueType.STRING)
          .defaultValue("127.0.0.1")
          .check(Validator.notBlank())
          .atStartOnly()
          .describe(
              "Address the endpoint listens on. Loopback by default; `0.0.0.0` listens on every"
                  + " interface.");
  public static final ConfigOption<Integer> METRICS_PORT =
      option("metrics.port", ValueType.INTEGER)
          .defaultValue(9400)
          .check(Validator.between(1, 65535, "a port number"))
          .atStartOnly()
          .describe("TCP port of the endpoint. The agent option `port=` overrides it.");
  public static final ConfigOption<Integer> METRICS_MAX_LABEL_VALUES =
      option("metrics.max_label_values", ValueType.INTEGER)
          .defaultValue(200)
          .check(Validator.between(1, 10000, "a label-value cap"))
          .atStartOnly()
          .describe(
              "Distinct values a label the service controls (region, executor, task class) may"
                  + " take per metric; further values are reported as `other`.");
  public static final ConfigOption<Void> METRICS_BASIC_AUTH =
      option("metrics.basic_auth", ValueType.SECTION)
          .describe("When present, every path of the endpoint asks for HTTP basic auth.");
  public static final ConfigOption<String> METRICS_BASIC_AUTH_USERNAME =
      option("metrics.basic_auth.username", ValueType.STRING)
          .required()
          .check(Validator.notBlank())
          .describe("User name expected.");
  public static final ConfigOption<String> METRICS_BASIC_AUTH_PASSWORD_SHA256 =
      option("metrics.basic_auth.password_sha256", ValueType.STRING)
          .required()
          .check(Validator.sha256Hex())
          .secret()
          .describe(
              "SHA-256 of the password, hex (`printf %s 'secret' | sha256sum`). Shown as"
                  + " `<redacted>` in `/config`.");

  public static final ConfigOption<Void> JDBC =
      option("jdbc", ValueType.SECTION).describe("JDBC statements: observation and timeouts.");
  public static final ConfigOption<Boolean> JDBC_ENABLED =
      option("jdbc.enabled", ValueType.BOOLEAN)
          .defaultValue(true)
          .atStartOnly()
          .describe("Instrument JDBC at all.");
  public static final ConfigOption<Duration> JDBC_SLOW_QUERY_THRESHOLD =
      option("jdbc.slow_query_threshold", ValueType.DURATION)
          .defaultValue(Duration.ofMillis(500))
          .check(Validator.positiveDuration())
          .describe("A statement taking longer counts in `qnwis_db_slow_queries_total`.");
  public static final ConfigOption<Void> JDBC_TIMEOUTS =
      option("jdbc.timeouts", ValueType.SECTION).describe("Statement timeout policy.");
  public static final ConfigOption<Duration> JDBC_TIMEOUTS_DEFAULT =
      option("jdbc.timeouts.default", ValueType.DURATION)
          .check(Validator.positiveDuration())
          .describe(
              "Timeout for statements no rule matches; none: leave them alone. Applied with"
                  + " `setQueryTimeout` (whole seconds, rounded up) unless the service set a"
                  + " shorter one.");
  public static final ConfigOption<Void> JDBC_TIMEOUTS_RULES =
      option("jdbc.timeouts.rules", ValueType.LIST)
          .describe("Per-statement timeouts; the first rule whose glob matches wins.");
  public static final ConfigOption<Glob> JDBC_TIMEOUTS_RULE_MATCH =
      option("jdbc.timeouts.rules[].match", ValueType.GLOB)
          .required()
          .describe("Glob on the normalized SQL (literals replaced by `?`).");
  public static final ConfigOption<Duration> JDBC_TIMEOUTS_RULE_TIMEOUT =
      option("jdbc.timeouts.rules[].timeout", ValueType.DURATION)
          .required()
          .check(Validator.positiveDuration())
          .describe("Timeout for matching statements.");

  public static final ConfigOption<Void> REDIS =
      option("redis", ValueType.SECTION)
          .describe("Redis through Lettuce: observation, cache regions, TTL policies, timeout.");
  public static final ConfigOption<Boolean> REDIS_ENABLED =
      option("redis.enabled", ValueType.BOOLEAN)
          .defaultValue(true)
          .atStartOnly()
          .describe("Instrument Lettuce at all.");
  public static final ConfigOption<Duration> REDIS_COMMAND_TIMEOUT =
      option("redis.command_timeout", ValueType.DURATION)
          .check(Validator.positiveDuration())
          .describe(
              "A command taking longer fails as Lettuce fails a timed-out command; none: Lettuce's"
                  + " own timeout only.");
  public static final ConfigOption<Void> REDIS_REGIONS =
      option("redis.regions", ValueType.LIST)
          .describe(
              "Cache regions; the first whose glob matches a key owns it. A key matching none"
                  + " belongs to the region named by its first segment before `:`.");
  public static final ConfigOption<String> REDIS_REGION_NAME =
      option("redis.regions[].name", ValueType.STRING)
          .required()
          .check(Validator.notBlank())
          .describe("Region name: the `region` label. Unique.");
  public static final ConfigOption<Glob> REDIS_REGION_MATCH =
      option("redis.regions[].match", ValueType.GLOB).required().describe("Glob on the Redis key.");
  public static final ConfigOption<Void> REDIS_REGION_TTL =
      option("redis.regions[].ttl", ValueType.TTL_POLICY)
          .describe("TTL policy for writes to the region (see `ttl.*`); default passthrough.");
  public static final ConfigOption<Void> REDIS_DEFAULT_TTL =
      option("redis.default_ttl", ValueType.TTL_POLICY)
          .describe("TTL policy for keys in no configured region; default passthrough.");

  public static final ConfigOption<Void> EXECUTOR =
      option("executor", ValueType.SECTION)
          .describe("`java.util.concurrent` thread pools: observation and pool bounds.");
  public static final ConfigOption<Boolean> EXECUTOR_ENABLED =
      option("executor.enabled", ValueType.BOOLEAN)
          .defaultValue(true)
          .atStartOnly()
          .describe("Instrument executors at all.");
  public static final ConfigOption<Void> EXECUTOR_POOLS =
      option("executor.pools", ValueType.LIST)
          .describe("Named pools; the first whose glob matches a pool's thread names wins.");
  public static final ConfigOption<String> EXECUTOR_POOL_NAME =
      option("executor.pools[].name", ValueType.STRING)
          .required()
          .check(Validator.notBlank())
          .describe("The `executor` label of matching pools (instead of the thread-name prefix).");
  public static final ConfigOption<Glob> EXECUTOR_POOL_MATCH =
      option("executor.pools[].match", ValueType.GLOB).required().describe("Glob on thread names.");
  public static final ConfigOption<Integer> EXECUTOR_POOL_MAX_POOL_SIZE =
      option("executor.pools[].max_pool_size", ValueType.INTEGER)
          .check(Validator.atLeast(1))
          .describe("Caps the pool's maximum (and core, if larger) pool size; none: observe only.");

  public static final ConfigOption<Duration> RELOAD_INTERVAL =
      option("reload_interval", ValueType.DURATION)
          .defaultValue(Duration.ofSeconds(5))
          .check(Validator.positiveDuration())
          .describe(
              "How often the file is read again; a changed valid file is applied, an invalid one"
                  + " is rejected and the config in force kept.");

  /** Keys of a TTL policy map ({@code redis.regions[].ttl}, {@code redis.default_ttl}). */
  public static final ConfigOption<String> TTL_MODE =
      option("ttl.mode", ValueType.oneOf("adaptive", "fixed", "passthrough"))
          .required()
          .describe(
              "`adaptive`: TTL follows the region's change rate; `fixed`: every write gets"
                  + " `value`; `passthrough`: the service's TTL is left alone.");

  public static final ConfigOption<Duration> TTL_MIN =
      option("ttl.min", ValueType.DURATION)
          .required()
          .check(Validator.positiveDuration())
          .describe("`adaptive` only: shortest TTL. Not above `max`.");
  public static final ConfigOption<Duration> TTL_MAX =
      option("ttl.max", ValueType.DURATION)
          .required()
          .check(Validator.positiveDuration())
          .describe("`adaptive` only: longest TTL.");
  public static final ConfigOption<Double> TTL_MAX_STALE_RATIO =
      option("ttl.max_stale_ratio", ValueType.NUMBER)
          .defaultValue(0.05)
          .check(Validator.openUnitInterval())
          .describe(
              "`adaptive` only: largest tolerated expected share of reads that return a value"
                  + " changed since it was cached.");
  public static final ConfigOption<Duration> TTL_VALUE =
      option("ttl.value", ValueType.DURATION)
          .required()
          .check(Validator.positiveDuration())
          .describe("`fixed` only: the TTL every write gets.");

  /** The policy where none is configured. */
  public static final TtlPolicy DEFAULT_TTL = TtlPolicy.Passthrough.INSTANCE;

  private static final List<ConfigOption<?>> ALL =
      List.of(
          METRICS,
          METRICS_HOST,
          METRICS_PORT,
          METRICS_MAX_LABEL_VALUES,
          METRICS_BASIC_AUTH,
          METRICS_BASIC_AUTH_USERNAME,
          METRICS_BASIC_AUTH_PASSWORD_SHA256,
          JDBC,
          JDBC_ENABLED,
          JDBC_SLOW_QUERY_THRESHOLD,
          JDBC_TIMEOUTS,
          JDBC_TIMEOUTS_DEFAULT,
          JDBC_TIMEOUTS_RULES,
          JDBC_TIMEOUTS_RULE_MATCH,
          JDBC_TIMEOUTS_RULE_TIMEOUT,
          REDIS,
          REDIS_ENABLED,
          REDIS_COMMAND_TIMEOUT,
          REDIS_REGIONS,
          REDIS_REGION_NAME,
          REDIS_REGION_MATCH,
          REDIS_REGION_TTL,
          REDIS_DEFAULT_TTL,
          EXECUTOR,
          EXECUTOR_ENABLED,
          EXECUTOR_POOLS,
          EXECUTOR_POOL_NAME,
          EXECUTOR_POOL_MATCH,
          EXECUTOR_POOL_MAX_POOL_SIZE,
          RELOAD_INTERVAL,
          TTL_MODE,
          TTL_MIN,
          TTL_MAX,
          TTL_MAX_STALE_RATIO,
          TTL_VALUE);

  private ConfigOptions() {}

  public static List<ConfigOption<?>> all() {
    return ALL;
  }

  /** The options directly inside {@code parent} (a key as in {@link ConfigOption#key()}). */
  public static List<ConfigOption<?>> childrenOf(String parent) {
    List<ConfigOption<?>> children = new ArrayList<>();
    for (ConfigOption<?> option : ALL) {
      if (option.parent().equals(parent)) {
        children.add(option);
      }
    }
    return children;
  }

  private static String defaultText(ConfigOption<?> option) {
    if (option.type() == ValueType.SECTION) {
      return "";
    }
    if (option.type() == ValueType.LIST) {
      return "`[]`";
    }
    if (option.type() == ValueType.TTL_POLICY) {
      return "`{mode: passthrough}`";
    }
    return option.defaultValue() == null ? option.defaultText() : "`" + option.defaultText() + "`";
  }

  private static String reloadText(ConfigOption<?> option) {
    if (option.type() == ValueType.SECTION) {
      return "";
    }
    return option.reloadable() ? "applied" : "needs restart";
  }

  /** The reference table of docs/configuration.md, generated from the options above. */
  public static String referenceTable() {
    StringBuilder table = new StringBuilder();
    table.append("| Key | Type | Default | On reload | Description |\n");
    table.append("|---|---|---|---|---|\n");
    for (ConfigOption<?> option : ALL) {
      table.append("| `").append(option.key()).append('`');
      for (String cell :
          List.of(
              option.typeText(), defaultText(option), reloadText(option), option.description())) {
        table.append(" | ").append(cell.replace("|", "\\|"));
      }
      table.append(" |\n");
    }
    return table.toString();
  }
}
