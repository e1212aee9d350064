package io.qnwis.agent.instrumentation.lettuce;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.config.AgentConfig.RedisConfig;
import io.qnwis.agent.config.AgentConfig.TtlPolicy;
import io.qnwis.agent.config.Glob;
import io.qnwis.agent.endpoint.JsonWriter;
import io.qnwis.agent.metrics.AgentMetrics;
import io.qnwis.agent.metrics.MetricNames;
import io.qnwis.agent.policy.ttl.AdaptiveTtl;
import io.qnwis.agent.policy.ttl.RegionResolver;
import io.qnwis.agent.policy.ttl.TtlRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cache regions of {@code redis.regions} and those named by key prefixes: which region a key
 * belongs to, each region's counters and TTL rule, the {@code qnwis_cache_ttl_seconds} gauge and
 * the {@code /cache} document. Reconfigured on every config reload; regions keep their counters and
 * write history across reloads.
 */
final class CacheRegions {

  /** The region of keys that are not text (not a String, not UTF-8 bytes). */
  static final String BINARY_REGION = "binary";

  private final Counter hits;
  private final Counter misses;
  private final Counter rewrites;
  private final Gauge ttl;
  private final RegionResolver<CacheRegion> resolver;
  private volatile TtlPolicy defaultPolicy = TtlPolicy.Passthrough.INSTANCE;
  private volatile Map<String, TtlPolicy> configured = Map.of();

  CacheRegions(AgentMetrics metrics) {
    hits =
        metrics.counter(
            MetricNames.CACHE_HITS,
            "Redis GET-family reads that found a value, by region",
            "region");
    misses =
        metrics.counter(
            MetricNames.CACHE_MISSES, "Redis GET-family reads that found nil, by region", "region");
    rewrites =
        metrics.counter(
            MetricNames.CACHE_TTL_REWRITES,
            "Redis writes whose TTL the region's policy set, by region",
            "region");
    ttl =
        metrics.gauge(
            MetricNames.CACHE_TTL,
            "TTL the region's policy gives writes now (absent for passthrough regions)",
            "region");
    resolver = new RegionResolver<>(metrics.maxLabelValues(), this::create);
  }

  /** Applies {@code redis.regions} and {@code redis.default_ttl} of a (re)loaded config. */
  synchronized void apply(RedisConfig redis) {
    Map<String, TtlPolicy> policies = new HashMap<>();
    List<Glob> globs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (AgentConfig.Region region : redis.regions()) {
      globs.add(region.match());
      names.add(region.name());
      policies.putIfAbsent(region.name(), region.ttl());
    }
    configured = policies;
    defaultPolicy = redis.defaultTtl();
    resolver.configure(globs, names);
    for (CacheRegion region : resolver.regions()) {
      region.rule(TtlRule.of(policyOf(region.name()), region.rule()));
      publishTtl(region);
    }
  }

  /** The region {@code key} (a Lettuce key of any codec) belongs to. */
  CacheRegion of(Object key) {
    String text = Keys.text(key);
    return text == null ? resolver.named(BINARY_REGION) : resolver.resolve(text);
  }

  /** Re-estimates adaptive regions and publishes their TTL; runs on the agent's own thread. */
  void refresh() {
    for (CacheRegion region : resolver.regions()) {
      AdaptiveTtl adaptive = region.rule().adaptive();
      if (adaptive != null) {
        adaptive.refresh();
        publishTtl(region);
      }
    }
  }

  /** The {@code /cache} document: per region hits, misses, hit ratio, change rate and TTL. */
  String json() {
    JsonWriter json = new JsonWriter().beginObject().name("regions").beginArray();
    for (CacheRegion region : resolver.regions()) {
      TtlRule rule = region.rule();
      double hit = region.hits();
      double miss = region.misses();
      json.beginObject()
          .field("region", region.name())
          .field("hits", (long) hit)
          .field("misses", (long) miss)
          .field("hit_ratio", hit + miss == 0 ? Double.NaN : hit / (hit + miss))
          .field("ttl_mode", rule.mode());
      json.name("ttl_seconds");
      if (rule.rewrites()) {
        json.value(rule.ttlMillis() / 1000.0);
      } else {
        json.value((String) null);
      }
      AdaptiveTtl adaptive = rule.adaptive();
      json.name("change_rate_per_second")
          .value(adaptive == null ? Double.NaN : adaptive.rate())
          .field("observations", adaptive == null ? 0 : adaptive.estimator().observations())
          .field("ttl_rewrites", (long) region.rewrites())
          .endObject();
    }
    return json.endArray().endObject().toString();
  }

  private CacheRegion create(String name) {
    CacheRegion region =
        new CacheRegion(
            name,
            hits.labelValues(name),
            misses.labelValues(name),
            rewrites.labelValues(name),
            TtlRule.of(policyOf(name), null));
    publishTtl(region);
    return region;
  }

  private TtlPolicy policyOf(String name) {
    TtlPolicy policy = configured.get(name);
    return policy != null ? policy : defaultPolicy;
  }

  private void publishTtl(CacheRegion region) {
    TtlRule rule = region.rule();
    if (rule.rewrites()) {
      ttl.labelValues(region.name()).set(rule.ttlMillis() / 1000.0);
    } else {
      ttl.remove(region.name());
    }
  }
}
