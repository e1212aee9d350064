package io.qnwis.agent.config;

import java.time.Duration;
import java.util.List;

/**
 * The agent's whole configuration: immutable, typed, already validated. Built by {@link
 * ConfigLoader} from YAML; {@link #defaults()} is what runs with no file (observation only), and
 * what an empty file gives. Defaults are declared with their keys in {@link ConfigOptions}.
 * Durations that may be absent ({@code jdbc.timeouts.default}, {@code redis.command_timeout}) are
 * null when the policy is off; so is a pool rule's {@code maxPoolSize}.
 */
public record AgentConfig(
    MetricsConfig metrics,
    JdbcConfig jdbc,
    RedisConfig redis,
    ExecutorConfig executor,
    Duration reloadInterval) {

  public static final Duration DEFAULT_RELOAD_INTERVAL =
      ConfigOptions.RELOAD_INTERVAL.defaultValue();

  public static AgentConfig defaults() {
    return new AgentConfig(
        MetricsConfig.defaults(),
        JdbcConfig.defaults(),
        RedisConfig.defaults(),
        ExecutorConfig.defaults(),
        DEFAULT_RELOAD_INTERVAL);
  }

  /** The same config listening on another port (the {@code port=} agent option wins). */
  public AgentConfig withPort(int port) {
    return new AgentConfig(
        new MetricsConfig(metrics.host(), port, metrics.maxLabelValues(), metrics.basicAuth()),
        jdbc,
        redis,
        executor,
        reloadInterval);
  }

  /** {@code metrics:} the agent's own HTTP endpoint and label bounds. */
  public record MetricsConfig(String host, int port, int maxLabelValues, BasicAuth basicAuth) {
    public static final String DEFAULT_HOST = ConfigOptions.METRICS_HOST.defaultValue();
    public static final int DEFAULT_PORT = ConfigOptions.METRICS_PORT.defaultValue();
    public static final int DEFAULT_MAX_LABEL_VALUES =
        ConfigOptions.METRICS_MAX_LABEL_VALUES.defaultValue();

    public static MetricsConfig defaults() {
      return new MetricsConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_LABEL_VALUES, null);
    }
  }

  /** Optional basic auth on the endpoint; only the SHA-256 of the password is configured. */
  public record BasicAuth(String username, String passwordSha256) {}

  /** {@code jdbc:} statement observation and the query-timeout policy. */
  public record JdbcConfig(
      boolean enabled,
      Duration slowQueryThreshold,
      Duration defaultTimeout,
      List<TimeoutRule> timeoutRules) {
    public static final Duration DEFAULT_SLOW_QUERY_THRESHOLD =
        ConfigOptions.JDBC_SLOW_QUERY_THRESHOLD.defaultValue();

    public static JdbcConfig defaults() {
      return new JdbcConfig(
          ConfigOptions.JDBC_ENABLED.defaultValue(),
          DEFAULT_SLOW_QUERY_THRESHOLD,
          ConfigOptions.JDBC_TIMEOUTS_DEFAULT.defaultValue(),
          List.of());
    }
  }

  /** One {@code jdbc.timeouts.rules} entry: a glob on normalized SQL and its timeout. */
  public record TimeoutRule(Glob match, Duration timeout) {}

  /** {@code redis:} command observation, cache regions and TTL policies, command timeout. */
  public record RedisConfig(
      boolean enabled, Duration commandTimeout, List<Region> regions, TtlPolicy defaultTtl) {
    public static RedisConfig defaults() {
      return new RedisConfig(
          ConfigOptions.REDIS_ENABLED.defaultValue(),
          ConfigOptions.REDIS_COMMAND_TIMEOUT.defaultValue(),
          List.of(),
          ConfigOptions.DEFAULT_TTL);
    }
  }

  /** One {@code redis.regions} entry; the first whose glob matches a key owns it. */
  public record Region(String name, Glob match, TtlPolicy ttl) {}

  /** How the TTL of writes to a region is set. */
  public sealed interface TtlPolicy {
    /** The service's own TTL is left alone. */
    enum Passthrough implements TtlPolicy {
      INSTANCE
    }

    /** Every write gets this TTL. */
    record Fixed(Duration value) implements TtlPolicy {}

    /** The TTL follows the region's estimated change rate (see docs/policies.md). */
    record Adaptive(Duration min, Duration max, double maxStaleRatio) implements TtlPolicy {}
  }

  /** {@code executor:} pool observation and pool bounds. */
  public record ExecutorConfig(boolean enabled, List<PoolRule> pools) {
    public static ExecutorConfig defaults() {
      return new ExecutorConfig(ConfigOptions.EXECUTOR_ENABLED.defaultValue(), List.of());
    }
  }

  /**
   * One {@code executor.pools} entry: pools whose thread names match are reported under {@code
   * name} and, when {@code maxPoolSize} is set, capped to it.
   */
  public record PoolRule(String name, Glob match, Integer maxPoolSize) {}
}
