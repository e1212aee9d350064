package io.qnwis.agent.policy.ttl;

import java.time.Duration;

/**
 * The adaptive TTL of one region: the largest {@code T} in {@code [min, max]} whose expected
 * stale-read ratio {@link StaleRatio#of g(λT)} does not exceed {@code maxStaleRatio}, {@code min}
 * if none does, for the change rate {@code λ} its {@link ChangeRateEstimator} reports. Writes are
 * recorded on the service's threads; {@link #refresh()} re-solves the estimate off the hot path.
 */
public final class AdaptiveTtl {

  private final ChangeRateEstimator estimator;
  private final double minSeconds;
  private final double maxSeconds;
  private final double maxStaleRatio;
  private final double maxExposure;
  private volatile double rate = Double.POSITIVE_INFINITY;
  private volatile long ttlMillis;
  private long refreshedAt = -1;

  public AdaptiveTtl(Duration min, Duration max, double maxStaleRatio) {
    this(min, max, maxStaleRatio, new ChangeRateEstimator());
  }

  /** Keeps {@code estimator}'s history: a reload that changes bounds does not forget it. */
  public AdaptiveTtl(
      Duration min, Duration max, double maxStaleRatio, ChangeRateEstimator estimator) {
    this.estimator = estimator;
    this.minSeconds = min.toNanos() / 1e9;
    this.maxSeconds = max.toNanos() / 1e9;
    this.maxStaleRatio = maxStaleRatio;
    this.maxExposure = StaleRatio.maxExposure(maxStaleRatio);
    this.ttlMillis = min.toMillis();
    refresh();
  }

  public ChangeRateEstimator estimator() {
    return estimator;
  }

  /** Records a write of a region key (hashes of key and value) at {@code nowNanos}. */
  public void write(long keyHash, long valueHash, long nowNanos) {
    estimator.write(keyHash, valueHash, nowNanos);
  }

  /** The TTL in force, in milliseconds. */
  public long ttlMillis() {
    return ttlMillis;
  }

  /** The change rate per second behind the TTL in force ({@code +∞}: none estimated yet). */
  public double rate() {
    return rate;
  }

  public double maxStaleRatio() {
    return maxStaleRatio;
  }

  /** Re-estimates if observations arrived since the last refresh. */
  public void refresh() {
    long seen = estimator.observations();
    synchronized (this) {
      if (seen == refreshedAt) {
        return;
      }
      refreshedAt = seen;
    }
    double estimated = estimator.rate();
    rate = estimated;
    ttlMillis = Math.round(ttlSeconds(estimated) * 1000);
  }

  /** The TTL in seconds for change rate {@code lambda} per second. */
  public double ttlSeconds(double lambda) {
    if (Double.isInfinite(maxExposure)) {
      return maxSeconds; // a stale ratio of 1 allows any TTL
    }
    double longest = lambda > 0 ? maxExposure / lambda : Double.POSITIVE_INFINITY;
    if (longest < minSeconds) {
      return minSeconds;
    }
    return Math.min(longest, maxSeconds);
  }
}
