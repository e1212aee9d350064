package io.qnwis.agent.instrumentation.lettuce;

import io.qnwis.agent.bootstrap.lettuce.LettuceBridge;
import io.qnwis.agent.metrics.AgentErrors;
import io.qnwis.agent.policy.ttl.AdaptiveTtl;
import io.qnwis.agent.policy.ttl.TtlRule;

/**
 * Applies the region TTL policies to writes as Lettuce builds them (SET, SETEX, PSETEX, EXPIRE,
 * PEXPIRE), and feeds every value write of an adaptive region to its change-rate estimator.
 * Failures leave the service's write as it was.
 */
final class TtlRewriter {

  private final CacheRegions regions;
  private final AgentErrors errors;

  TtlRewriter(CacheRegions regions, AgentErrors errors) {
    this.regions = regions;
    this.errors = errors;
  }

  /**
   * The TTL for a write of {@code key}: the region's, in the unit of the command ({@code millis} or
   * whole seconds, rounded up), or {@code serviceTtl} unchanged when the region passes TTLs
   * through. A zero or negative TTL of the service's (an EXPIRE that deletes) is never changed.
   */
  long writeTtl(Object key, Object value, long serviceTtl, boolean millis) {
    try {
      CacheRegion region = regions.of(key);
      TtlRule rule = observe(region, key, value);
      if (!rule.rewrites() || (serviceTtl != LettuceBridge.NO_TTL && serviceTtl <= 0)) {
        return serviceTtl;
      }
      region.rewritten();
      long ttl = Math.max(1, rule.ttlMillis());
      return millis ? ttl : (ttl + 999) / 1000;
    } catch (Throwable error) {
      errors.report(LettuceCommandScope.COMPONENT, error);
      return serviceTtl;
    }
  }

  /**
   * The SetArgs a SET should be built with: the service's own when the region passes TTLs through
   * or it asks for KEEPTTL, else a copy with its expiry replaced by the region's TTL.
   */
  Object setArgs(Object key, Object value, Object setArgs) {
    try {
      CacheRegion region = regions.of(key);
      TtlRule rule = observe(region, key, value);
      if (!rule.rewrites() || setArgs == null) {
        return setArgs;
      }
      LettuceApi api = LettuceApi.of(setArgs);
      if (api.keepsTtl(setArgs)) {
        return setArgs;
      }
      Object rewritten = api.withExpiry(setArgs, Math.max(1, rule.ttlMillis()));
      region.rewritten();
      return rewritten;
    } catch (Throwable error) {
      errors.report(LettuceCommandScope.COMPONENT, error);
      return setArgs;
    }
  }

  private static TtlRule observe(CacheRegion region, Object key, Object value) {
    TtlRule rule = region.rule();
    AdaptiveTtl adaptive = rule.adaptive();
    if (adaptive != null && value != null) {
      adaptive.write(Keys.hash(key), Keys.hash(value), System.nanoTime());
    }
    return rule;
  }
}
