package io.qnwis.agent.metrics;

/**
 * Every metric family the agent exports. These names are a contract: ops dashboards and alerts
 * depend on them (DESIGN.md section 5, docs/metrics.md). Counter names omit {@code _total}, which
 * the Prometheus client appends on exposition.
 */
public final class MetricNames {

  public static final String DB_LATENCY = "qnwis_db_latency_seconds";
  public static final String DB_ERRORS = "qnwis_db_errors";
  public static final String DB_TIMEOUTS_APPLIED = "qnwis_db_timeouts_applied";
  public static final String DB_SLOW_QUERIES = "qnwis_db_slow_queries";
  public static final String DB_POOL_ACQUIRE = "qnwis_db_pool_acquire_seconds";
  public static final String DB_POOL_CONNECTIONS = "qnwis_db_pool_connections";

  public static final String REDIS_LATENCY = "qnwis_redis_latency_seconds";
  public static final String REDIS_ERRORS = "qnwis_redis_errors";
  public static final String CACHE_HITS = "qnwis_cache_hits";
  public static final String CACHE_MISSES = "qnwis_cache_misses";
  public static final String CACHE_TTL = "qnwis_cache_ttl_seconds";
  public static final String CACHE_TTL_REWRITES = "qnwis_cache_ttl_rewrites";

  public static final String EXECUTOR_QUEUE_WAIT = "qnwis_executor_queue_wait_seconds";
  public static final String EXECUTOR_TASK = "qnwis_executor_task_seconds";
  public static final String EXECUTOR_THREADS = "qnwis_executor_threads";
  public static final String EXECUTOR_QUEUE_DEPTH = "qnwis_executor_queue_depth";
  public static final String EXECUTOR_REJECTED = "qnwis_executor_rejected";
  public static final String EXECUTOR_BOUNDS_APPLIED = "qnwis_executor_bounds_applied";
  public static final String AGENT_LATENCY = "qnwis_agent_latency_seconds";

  public static final String AGENT_ERRORS = "qnwis_agent_errors";
  public static final String AGENT_CONFIG_VALID = "qnwis_agent_config_valid";
  public static final String AGENT_CONFIG_RELOADS = "qnwis_agent_config_reloads";

  /** Exposed as {@code qnwis_agent_info}: the client appends {@code _info}. */
  public static final String AGENT_INFO = "qnwis_agent";

  private MetricNames() {}
}
