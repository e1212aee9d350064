package io.qnwis.agent.policy.ttl;

/**
 * The expected fraction of stale reads of an entry cached for {@code T} seconds when its source
 * value changes as a Poisson process of rate {@code λ}: a read at age {@code t} is stale with
 * probability {@code 1 − e^(−λt)}, and reads are spread evenly over the entry's life, so the ratio
 * is {@code g(λT) = 1 − (1 − e^(−λT))/(λT)} (derivation in docs/policies.md).
 */
public final class StaleRatio {

  private StaleRatio() {}

  /** {@code g(x) = 1 − (1 − e^(−x))/x}: increasing from 0 (x → 0) to 1 (x → ∞). */
  public static double of(double x) {
    if (x <= 0) {
      return 0;
    }
    if (x < 1e-6) {
      return x / 2; // first term of the series; avoids cancellation
    }
    return 1 + Math.expm1(-x) / x;
  }

  /**
   * The largest {@code x} with {@code g(x) ≤ ratio}: {@code +∞} for a ratio of 1 or more, 0 for a
   * ratio of 0 or less. The TTL is then {@code x / λ}.
   */
  public static double maxExposure(double ratio) {
    if (ratio >= 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (ratio <= 0) {
      return 0;
    }
    double lo = 0;
    double hi = 1;
    while (of(hi) <= ratio) {
      hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
      double mid = (lo + hi) / 2;
      if (of(mid) <= ratio) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
