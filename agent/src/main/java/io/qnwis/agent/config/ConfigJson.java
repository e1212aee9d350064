package io.qnwis.agent.config;

import static io.qnwis.agent.config.ConfigOptions.EXECUTOR;
import static io.qnwis.agent.config.ConfigOptions.EXECUTOR_ENABLED;
import static io.qnwis.agent.config.ConfigOptions.EXECUTOR_POOLS;
import static io.qnwis.agent.config.ConfigOptions.EXECUTOR_POOL_MATCH;
import static io.qnwis.agent.config.ConfigOptions.EXECUTOR_POOL_MAX_POOL_SIZE;
import static io.qnwis.agent.config.ConfigOptions.EXECUTOR_POOL_NAME;
import static io.qnwis.agent.config.ConfigOptions.JDBC;
import static io.qnwis.agent.config.ConfigOptions.JDBC_ENABLED;
import static io.qnwis.agent.config.ConfigOptions.JDBC_SLOW_QUERY_THRESHOLD;
import static io.qnwis.agent.config.ConfigOptions.JDBC_TIMEOUTS;
import static io.qnwis.agent.config.ConfigOptions.JDBC_TIMEOUTS_DEFAULT;
import static io.qnwis.agent.config.ConfigOptions.JDBC_TIMEOUTS_RULES;
import static io.qnwis.agent.config.ConfigOptions.JDBC_TIMEOUTS_RULE_MATCH;
import static io.qnwis.agent.config.ConfigOptions.JDBC_TIMEOUTS_RULE_TIMEOUT;
import static io.qnwis.agent.config.ConfigOptions.METRICS;
import static io.qnwis.agent.config.ConfigOptions.METRICS_BASIC_AUTH;
import static io.qnwis.agent.config.ConfigOptions.METRICS_BASIC_AUTH_PASSWORD_SHA256;
import static io.qnwis.agent.config.ConfigOptions.METRICS_BASIC_AUTH_USERNAME;
import static io.qnwis.agent.config.ConfigOptions.METRICS_HOST;
import static io.qnwis.agent.config.ConfigOptions.METRICS_MAX_LABEL_VALUES;
import static io.qnwis.agent.config.ConfigOptions.METRICS_PORT;
import static io.qnwis.agent.config.ConfigOptions.REDIS;
import static io.qnwis.agent.config.ConfigOptions.REDIS_COMMAND_TIMEOUT;
import static io.qnwis.agent.config.ConfigOptions.REDIS_DEFAULT_TTL;
import static io.qnwis.agent.config.ConfigOptions.REDIS_ENABLED;
import static io.qnwis.agent.config.ConfigOptions.REDIS_REGIONS;
import static io.qnwis.agent.config.ConfigOptions.REDIS_REGION_MATCH;
import static io.qnwis.agent.config.ConfigOptions.REDIS_REGION_NAME;
import static io.qnwis.agent.config.ConfigOptions.REDIS_REGION_TTL;
import static io.qnwis.agent.config.ConfigOptions.RELOAD_INTERVAL;
import static io.qnwis.agent.config.ConfigOptions.TTL_MAX;
import static io.qnwis.agent.config.ConfigOptions.TTL_MAX_STALE_RATIO;
import static io.qnwis.agent.config.ConfigOptions.TTL_MIN;
import static io.qnwis.agent.config.ConfigOptions.TTL_MODE;
import static io.qnwis.agent.config.ConfigOptions.TTL_VALUE;

import io.qnwis.agent.config.AgentConfig.BasicAuth;
import io.qnwis.agent.config.AgentConfig.PoolRule;
import io.qnwis.agent.config.AgentConfig.Region;
import io.qnwis.agent.config.AgentConfig.TimeoutRule;
import io.qnwis.agent.config.AgentConfig.TtlPolicy;
import io.qnwis.agent.endpoint.JsonWriter;
import java.time.Duration;

/**
 * The effective config as the {@code /config} document: every key of the schema under its YAML
 * name, durations in the file's syntax, absent optional values as null. Secrets (the basic-auth
 * password hash) are replaced by {@value #REDACTED}.
 */
public final class ConfigJson {

  public static final String REDACTED = "<redacted>";

  private ConfigJson() {}

  /**
   * @param valid false when the file was invalid and the agent runs on defaults
   */
  public static String render(AgentConfig config, boolean valid) {
    JsonWriter json = new JsonWriter().beginObject().field("valid", valid);
    metrics(json.name(METRICS.name()), config.metrics());
    jdbc(json.name(JDBC.name()), config.jdbc());
    redis(json.name(REDIS.name()), config.redis());
    executor(json.name(EXECUTOR.name()), config.executor());
    duration(json, RELOAD_INTERVAL, config.reloadInterval());
    return json.endObject().toString();
  }

  private static void metrics(JsonWriter json, AgentConfig.MetricsConfig metrics) {
    json.beginObject()
        .field(METRICS_HOST.name(), metrics.host())
        .field(METRICS_PORT.name(), metrics.port())
        .field(METRICS_MAX_LABEL_VALUES.name(), metrics.maxLabelValues())
        .name(METRICS_BASIC_AUTH.name());
    BasicAuth auth = metrics.basicAuth();
    if (auth == null) {
      json.value((String) null);
    } else {
      json.beginObject()
          .field(METRICS_BASIC_AUTH_USERNAME.name(), auth.username())
          .field(METRICS_BASIC_AUTH_PASSWORD_SHA256.name(), REDACTED)
          .endObject();
    }
    json.endObject();
  }

  private static void jdbc(JsonWriter json, AgentConfig.JdbcConfig jdbc) {
    json.beginObject().field(JDBC_ENABLED.name(), jdbc.enabled());
    duration(json, JDBC_SLOW_QUERY_THRESHOLD, jdbc.slowQueryThreshold());
    json.name(JDBC_TIMEOUTS.name()).beginObject();
    duration(json, JDBC_TIMEOUTS_DEFAULT, jdbc.defaultTimeout());
    json.name(JDBC_TIMEOUTS_RULES.name()).beginArray();
    for (TimeoutRule rule : jdbc.timeoutRules()) {
      json.beginObject().field(JDBC_TIMEOUTS_RULE_MATCH.name(), rule.match().pattern());
      duration(json, JDBC_TIMEOUTS_RULE_TIMEOUT, rule.timeout());
      json.endObject();
    }
    json.endArray().endObject().endObject();
  }

  private static void redis(JsonWriter json, AgentConfig.RedisConfig redis) {
    json.beginObject().field(REDIS_ENABLED.name(), redis.enabled());
    duration(json, REDIS_COMMAND_TIMEOUT, redis.commandTimeout());
    json.name(REDIS_REGIONS.name()).beginArray();
    for (Region region : redis.regions()) {
      json.beginObject()
          .field(REDIS_REGION_NAME.name(), region.name())
          .field(REDIS_REGION_MATCH.name(), region.match().pattern());
      ttl(json.name(REDIS_REGION_TTL.name()), region.ttl());
      json.endObject();
    }
    json.endArray();
    ttl(json.name(REDIS_DEFAULT_TTL.name()), redis.defaultTtl());
    json.endObject();
  }

  private static void ttl(JsonWriter json, TtlPolicy policy) {
    json.beginObject();
    if (policy instanceof TtlPolicy.Adaptive adaptive) {
      json.field(TTL_MODE.name(), "adaptive");
      duration(json, TTL_MIN, adaptive.min());
      duration(json, TTL_MAX, adaptive.max());
      json.field(TTL_MAX_STALE_RATIO.name(), adaptive.maxStaleRatio());
    } else if (policy instanceof TtlPolicy.Fixed fixed) {
      json.field(TTL_MODE.name(), "fixed");
      duration(json, TTL_VALUE, fixed.value());
    } else {
      json.field(TTL_MODE.name(), "passthrough");
    }
    json.endObject();
  }

  private static void executor(JsonWriter json, AgentConfig.ExecutorConfig executor) {
    json.beginObject().field(EXECUTOR_ENABLED.name(), executor.enabled());
    json.name(EXECUTOR_POOLS.name()).beginArray();
    for (PoolRule pool : executor.pools()) {
      json.beginObject()
          .field(EXECUTOR_POOL_NAME.name(), pool.name())
          .field(EXECUTOR_POOL_MATCH.name(), pool.match().pattern())
          .name(EXECUTOR_POOL_MAX_POOL_SIZE.name());
      if (pool.maxPoolSize() == null) {
        json.value((String) null);
      } else {
        json.value(pool.maxPoolSize());
      }
      json.endObject();
    }
    json.endArray().endObject();
  }

  private static void duration(JsonWriter json, ConfigOption<Duration> option, Duration value) {
    json.field(option.name(), value == null ? null : Durations.format(value));
  }
}
