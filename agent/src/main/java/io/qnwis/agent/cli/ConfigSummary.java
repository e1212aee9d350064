package io.qnwis.agent.cli;

import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.config.AgentConfig.PoolRule;
import io.qnwis.agent.config.AgentConfig.Region;
import io.qnwis.agent.config.AgentConfig.TtlPolicy;
import io.qnwis.agent.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What a config turns on, in a few lines for {@code check-config}: ops see what they deploy. */
final class ConfigSummary {

  private ConfigSummary() {}

  static List<String> lines(AgentConfig config) {
    List<String> lines = new ArrayList<>();
    AgentConfig.MetricsConfig metrics = config.metrics();
    lines.add(
        row(
            "endpoint",
            "http://"
                + metrics.host()
                + ":"
                + metrics.port()
                + "/metrics"
                + (metrics.basicAuth() == null
                    ? ", no auth"
                    : ", basic auth for user " + metrics.basicAuth().username())
                + "; at most "
                + metrics.maxLabelValues()
                + " values per label"));
    lines.add(row("jdbc", jdbc(config.jdbc())));
    lines.add(row("redis", redis(config.redis())));
    lines.add(row("executor", executor(config.executor())));
    lines.add(row("reload", "every " + Durations.format(config.reloadInterval())));
    if (!isLoopback(metrics.host()) && metrics.basicAuth() == null) {
      lines.add(
          "  warning: the endpoint listens on "
              + metrics.host()
              + " without basic_auth: anyone who can reach it reads /metrics and /config");
    }
    return lines;
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  private static String jdbc(AgentConfig.JdbcConfig jdbc) {
    if (!jdbc.enabled()) {
      return "off";
    }
    return "observed; slow above "
        + Durations.format(jdbc.slowQueryThreshold())
        + "; default timeout "
        + orNone(jdbc.defaultTimeout())
        + "; "
        + count(jdbc.timeoutRules().size(), "timeout rule");
  }

  private static String redis(AgentConfig.RedisConfig redis) {
    if (!redis.enabled()) {
      return "off";
    }
    StringBuilder text =
        new StringBuilder("observed; command timeout ")
            .append(orNone(redis.commandTimeout()))
            .append("; ")
            .append(count(redis.regions().size(), "region"));
    String separator = ": ";
    for (Region region : redis.regions()) {
      text.append(separator)
          .append(region.name())
          .append(" (")
          .append(ttl(region.ttl()))
          .append(')');
      separator = ", ";
    }
    return text.append("; other keys: ").append(ttl(redis.defaultTtl())).toString();
  }

  private static String executor(AgentConfig.ExecutorConfig executor) {
    if (!executor.enabled()) {
      return "off";
    }
    StringBuilder text =
        new StringBuilder("observed; ").append(count(executor.pools().size(), "pool"));
    String separator = ": ";
    for (PoolRule pool : executor.pools()) {
      text.append(separator)
          .append(pool.name())
          .append(
              pool.maxPoolSize() == null
                  ? " (observed)"
                  : " (at most " + pool.maxPoolSize() + " threads)");
      separator = ", ";
    }
    return text.toString();
  }

  static String ttl(TtlPolicy policy) {
    if (policy instanceof TtlPolicy.Adaptive adaptive) {
      return "adaptive TTL "
          + Durations.format(adaptive.min())
          + " to "
          + Durations.format(adaptive.max())
          + ", stale reads at most "
          + adaptive.maxStaleRatio();
    }
    if (policy instanceof TtlPolicy.Fixed fixed) {
      return "fixed TTL " + Durations.format(fixed.value());
    }
    return "TTL passthrough";
  }

  private static String orNone(Duration duration) {
    return duration == null ? "none" : Durations.format(duration);
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String row(String name, String text) {
    return String.format("  %-9s %s", name, text);
  }
}
