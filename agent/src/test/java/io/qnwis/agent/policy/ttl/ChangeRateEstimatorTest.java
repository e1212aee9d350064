package io.qnwis.agent.policy.ttl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangeRateEstimatorTest {

  /**
   * Observations of a Poisson change process: changed with probability 1 − e^(−λΔ), rewrites spread
   * from a fifth of the mean change interval to three times it (the intervals a cache region sees,
   * and the range where one observation says most about λ).
   */
  private static ChangeRateEstimator observed(double rate, int count, long seed) {
    Random random = new Random(seed);
    ChangeRateEstimator estimator = new ChangeRateEstimator(16, count);
    for (int i = 0; i < count; i++) {
      double interval = (0.2 + random.nextDouble() * 2.8) / rate;
      boolean changed = random.nextDouble() < 1 - Math.exp(-rate * interval);
      estimator.observe(interval, changed);
    }
    return estimator;
  }

  @Test
  void recoversAKnownRateWithinTenPercentFrom2000Observations() {
    for (double rate : new double[] {0.01, 0.1, 0.5, 2}) {
      for (long seed = 1; seed <= 5; seed++) {
        assertThat(observed(rate, 2000, seed).rate())
            .as("rate %s, seed %s", rate, seed)
            .isCloseTo(rate, within(rate * 0.10));
      }
    }
  }

  @Test
  void recoversARateFromConsecutiveWritesOfTheSameKeys() {
    double rate = 0.05; // per second
    Random random = new Random(42);
    ChangeRateEstimator estimator = new ChangeRateEstimator();
    long[] values = new long[100];
    long now = 0;
    for (int write = 0; write < 20_000; write++) {
      int key = random.nextInt(values.length);
      now += (long) (random.nextDouble() * 200_000_000L); // 0-0.2 s between writes
      double sinceLast = 100 * 0.1; // mean interval per key, for the change draw below
      if (random.nextDouble() < 1 - Math.exp(-rate * sinceLast)) {
        values[key]++;
      }
      estimator.write(key, values[key], now);
    }
    // The draw above uses the mean interval, so allow a wider band than the exact test.
    assertThat(estimator.rate()).isCloseTo(rate, within(rate * 0.25));
  }

  @Test
  void knowsNothingBeforeTheFirstObservation() {
    assertThat(new ChangeRateEstimator().rate()).isInfinite();
  }

  @Test
  void countsOnePseudoChangeOverTheExposureWhenNothingChanged() {
    ChangeRateEstimator estimator = new ChangeRateEstimator(16, 100);
    for (int i = 0; i < 10; i++) {
      estimator.observe(30, false);
    }
    assertThat(estimator.rate()).isCloseTo(1 / 300.0, within(1e-12));
    estimator.observe(700, false);
    assertThat(estimator.rate()).isCloseTo(1 / 1000.0, within(1e-12));
  }

  @Test
  void neverEstimatesBelowOneChangeOverTheExposure() {
    ChangeRateEstimator estimator = new ChangeRateEstimator(16, 100);
    estimator.observe(1, true); // the likelihood alone says about 1/1000
    estimator.observe(999, false);
    assertThat(estimator.rate()).isGreaterThanOrEqualTo(1 / 1000.0);
  }

  @Test
  void estimatesAnInfiniteRateWhenEveryWriteChangedTheValue() {
    ChangeRateEstimator estimator = new ChangeRateEstimator(16, 100);
    estimator.observe(5, true);
    estimator.observe(10, true);
    assertThat(estimator.rate()).isInfinite();
  }

  @Test
  void forgetsObservationsOutsideTheSlidingWindow() {
    ChangeRateEstimator estimator = new ChangeRateEstimator(16, 10);
    for (int i = 0; i < 10; i++) {
      estimator.observe(1, true);
    }
    for (int i = 0; i < 10; i++) {
      estimator.observe(10, false);
    }
    assertThat(estimator.rate()).isCloseTo(1 / 100.0, within(1e-12));
    assertThat(estimator.observations()).isEqualTo(20);
  }

  @Test
  void observesOnlyRepeatedWritesOfAKeyAndComparesTheirValues() {
    ChangeRateEstimator estimator = new ChangeRateEstimator(1024, 100);
    estimator.write(7, 100, 0);
    assertThat(estimator.observations()).isZero();
    estimator.write(7, 100, 10_000_000_000L); // 10 s later, same value
    estimator.write(7, 101, 20_000_000_000L); // 10 s later, changed
    assertThat(estimator.observations()).isEqualTo(2);
    // One change and one non-change over 10 s each: 10/(e^(10λ) − 1) = 10, so λ = ln 2 / 10.
    assertThat(estimator.rate()).isCloseTo(Math.log(2) / 10, within(1e-6));
  }
}
