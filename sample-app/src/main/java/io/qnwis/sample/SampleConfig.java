package io.qnwis.sample;

import java.time.Duration;
import java.util.Map;

/**
 * The service's settings, read from the environment (an optional first argument overrides the
 * port). Nothing here mentions the agent: the service is configured as any service would be.
 */
public record SampleConfig(
    String host,
    int port,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int dbPoolSize,
    String redisUrl,
    String cachePrefix,
    Duration cacheTtl,
    boolean clearCacheOnStart,
    int postingRows) {

  /** Rows in {@code job_postings}, the largest table. */
  public static final int DEFAULT_POSTING_ROWS = 120_000;

  public static SampleConfig from(Map<String, String> env, String[] args) {
    int port =
        args.length > 0 ? parseInt("port argument", args[0]) : intEnv(env, "QNWIS_PORT", 8080);
    return new SampleConfig(
        // Loopback unless asked: a demo service has no business listening on every interface.
        env.getOrDefault("QNWIS_HOST", "127.0.0.1"),
        port,
        env.getOrDefault("QNWIS_DB_URL", "jdbc:h2:mem:qnwis;DB_CLOSE_DELAY=-1"),
        env.getOrDefault("QNWIS_DB_USER", "sa"),
        env.getOrDefault("QNWIS_DB_PASSWORD", ""),
        intEnv(env, "QNWIS_DB_POOL_SIZE", 10),
        env.getOrDefault("QNWIS_REDIS_URL", "redis://127.0.0.1:6379"),
        env.getOrDefault("QNWIS_CACHE_PREFIX", "qnwis:"),
        Duration.ofSeconds(intEnv(env, "QNWIS_CACHE_TTL_SECONDS", 300)),
        // For demos and benchmarks: start with a cold cache, so hit ratios mean something.
        Boolean.parseBoolean(env.getOrDefault("QNWIS_CACHE_CLEAR_ON_START", "false")),
        // For tests only: a smaller data set loads faster. The default is the documented one.
        intEnv(env, "QNWIS_DATA_POSTINGS", DEFAULT_POSTING_ROWS));
  }

  public boolean isPostgres() {
    return dbUrl.startsWith("jdbc:postgresql:");
  }

  private static int intEnv(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : parseInt(name, value);
  }

  private static int parseInt(String what, String value) {
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + ": \"" + value + "\" is not a non-negative number");
    }
  }
}
