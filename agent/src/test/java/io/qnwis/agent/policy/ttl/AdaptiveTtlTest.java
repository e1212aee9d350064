package io.qnwis.agent.policy.ttl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdaptiveTtlTest {

  private static final Duration MIN = Duration.ofSeconds(30);
  private static final Duration MAX = Duration.ofSeconds(3600);

  @Test
  void staleRatioGrowsFromZeroToOne() {
    assertThat(StaleRatio.of(0)).isZero();
    assertThat(StaleRatio.of(1e-9)).isCloseTo(5e-10, within(1e-15));
    assertThat(StaleRatio.of(1)).isCloseTo(Math.exp(-1), within(1e-12));
    assertThat(StaleRatio.of(1e6)).isCloseTo(1, within(1e-5));
  }

  @Test
  void maxExposureInvertsTheStaleRatio() {
    for (double ratio : new double[] {0.001, 0.05, 0.3, 0.9}) {
      assertThat(StaleRatio.of(StaleRatio.maxExposure(ratio))).isCloseTo(ratio, within(1e-9));
    }
  }

  @Test
  void givesTheLargestTtlWhoseStaleRatioIsWithinTheLimit() {
    AdaptiveTtl ttl = new AdaptiveTtl(MIN, MAX, 0.05);
    double rate = 1 / 1000.0; // a change every 1000 s on average
    double seconds = ttl.ttlSeconds(rate);
    assertThat(StaleRatio.of(rate * seconds)).isCloseTo(0.05, within(1e-9));
    assertThat(seconds).isBetween(30.0, 3600.0);
  }

  @Test
  void staysAtTheMinimumWhenEvenTheMinimumIsTooStale() {
    AdaptiveTtl ttl = new AdaptiveTtl(MIN, MAX, 0.05);
    assertThat(ttl.ttlSeconds(1)).isEqualTo(30); // changes every second
    assertThat(ttl.ttlSeconds(Double.POSITIVE_INFINITY)).isEqualTo(30);
  }

  @Test
  void stopsAtTheMaximumForRarelyChangingValues() {
    AdaptiveTtl ttl = new AdaptiveTtl(MIN, MAX, 0.05);
    assertThat(ttl.ttlSeconds(1e-9)).isEqualTo(3600);
    assertThat(new AdaptiveTtl(MIN, MAX, 1).ttlSeconds(1)).isEqualTo(3600);
  }

  @Test
  void startsAtTheMinimumAndGrowsWithUnchangedWrites() {
    AdaptiveTtl ttl = new AdaptiveTtl(MIN, MAX, 0.05);
    assertThat(ttl.ttlMillis()).isEqualTo(30_000);
    for (int i = 0; i < 100; i++) {
      ttl.estimator().observe(60, false); // 6000 s of exposure, no change
    }
    ttl.refresh();
    assertThat(ttl.rate()).isCloseTo(1 / 6000.0, within(1e-12));
    assertThat(ttl.ttlMillis()).isBetween(30_001L, 3_600_000L);
    long grown = ttl.ttlMillis();
    for (int i = 0; i < 1000; i++) {
      ttl.estimator().observe(600, false);
    }
    ttl.refresh();
    assertThat(ttl.ttlMillis()).isGreaterThan(grown).isEqualTo(3_600_000L);
  }
}
