package io.qnwis.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void givesTheNearestRankOfAUniformDistributionRegardlessOfOrder() {
    List<Double> millis = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      millis.add((double) i);
    }
    Collections.shuffle(millis, new Random(7));
    Percentiles p = Percentiles.of(millis.stream().mapToDouble(Double::doubleValue).toArray());

    assertThat(p.percentile(50)).isEqualTo(50);
    assertThat(p.percentile(90)).isEqualTo(90);
    assertThat(p.percentile(95)).isEqualTo(95);
    assertThat(p.percentile(99)).isEqualTo(99);
    assertThat(p.percentile(100)).isEqualTo(100);
    assertThat(p.min()).isEqualTo(1);
    assertThat(p.max()).isEqualTo(100);
    assertThat(p.mean()).isEqualTo(50.5);
  }

  @Test
  void findsTheTailOfABimodalDistribution() {
    // 950 fast requests (10 ms) and 50 slow ones (2 s): p95 is still fast, p96 is slow.
    double[] seconds = new double[1000];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = i % 20 == 0 ? 2.0 : 0.010;
    }
    Percentiles p = Percentiles.of(seconds);

    assertThat(p.percentile(50)).isEqualTo(0.010);
    assertThat(p.percentile(95)).isEqualTo(0.010);
    assertThat(p.percentile(95.1)).isEqualTo(2.0);
    assertThat(p.percentile(99)).isEqualTo(2.0);
  }

  @Test
  void roundsTheRankUpForSmallSamples() {
    Percentiles p = Percentiles.of(new double[] {3, 1, 2});

    assertThat(p.percentile(50)).isEqualTo(2); // rank ceil(1.5) = 2
    assertThat(p.percentile(34)).isEqualTo(2); // rank ceil(1.02) = 2
    assertThat(p.percentile(33)).isEqualTo(1); // rank ceil(0.99) = 1
    assertThat(p.percentile(99)).isEqualTo(3);
  }

  @Test
  void isUndefinedWithoutSamplesAndRejectsPercentilesOutOfRange() {
    Percentiles empty = Percentiles.of(new double[0]);

    assertThat(empty.percentile(95)).isNaN();
    assertThat(empty.mean()).isNaN();
    assertThatThrownBy(() -> empty.percentile(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> empty.percentile(101)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void doesNotReorderTheCallersArray() {
    double[] samples = {5, 4, 3};
    Percentiles.of(samples);
    assertThat(samples).containsExactly(5, 4, 3);
  }
}
