package io.qnwis.agent.policy.ttl;

import io.qnwis.agent.config.AgentConfig.TtlPolicy;
import java.time.Duration;

/**
 * A region's TTL policy as it runs: {@code passthrough} leaves writes alone, {@code fixed} gives
 * every write the same TTL, {@code adaptive} follows the region's change rate.
 */
public final class TtlRule {

  /** What {@link #ttlMillis()} returns for a region that leaves the service's TTL alone. */
  public static final long PASSTHROUGH = -1;

  private static final TtlRule PASSTHROUGH_RULE = new TtlRule("passthrough", PASSTHROUGH, null);

  private final String mode;
  private final long fixedMillis;
  private final AdaptiveTtl adaptive;

  private TtlRule(String mode, long fixedMillis, AdaptiveTtl adaptive) {
    this.mode = mode;
    this.fixedMillis = fixedMillis;
    this.adaptive = adaptive;
  }

  public static TtlRule passthrough() {
    return PASSTHROUGH_RULE;
  }

  public static TtlRule fixed(Duration value) {
    return new TtlRule("fixed", value.toMillis(), null);
  }

  public static TtlRule adaptive(AdaptiveTtl adaptive) {
    return new TtlRule("adaptive", 0, adaptive);
  }

  /**
   * The rule for {@code policy}; an adaptive rule keeps {@code previous}'s estimator (the region's
   * write history) when the region was already adaptive.
   */
  public static TtlRule of(TtlPolicy policy, TtlRule previous) {
    if (policy instanceof TtlPolicy.Fixed fixed) {
      return fixed(fixed.value());
    }
    if (policy instanceof TtlPolicy.Adaptive a) {
      ChangeRateEstimator history =
          previous != null && previous.adaptive != null
              ? previous.adaptive.estimator()
              : new ChangeRateEstimator();
      return adaptive(new AdaptiveTtl(a.min(), a.max(), a.maxStaleRatio(), history));
    }
    return PASSTHROUGH_RULE;
  }

  public String mode() {
    return mode;
  }

  /** Whether writes get this rule's TTL (false: the service's own TTL stands). */
  public boolean rewrites() {
    return fixedMillis != PASSTHROUGH;
  }

  /** The TTL writes get now, in milliseconds; {@link #PASSTHROUGH} for passthrough. */
  public long ttlMillis() {
    return adaptive != null ? adaptive.ttlMillis() : fixedMillis;
  }

  /** The adaptive state, or null for the other modes. */
  public AdaptiveTtl adaptive() {
    return adaptive;
  }
}
