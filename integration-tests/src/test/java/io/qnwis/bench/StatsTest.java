package io.qnwis.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void medianAndQuartilesInterpolateBetweenSortedSamples() {
    Map<String, Object> s = Stats.summary(Arrays.asList(5.0, 1.0, 4.0, 2.0, 3.0, Double.NaN));

    assertThat(s)
        .containsEntry("n", 5)
        .containsEntry("median", 3.0)
        .containsEntry("q1", 2.0)
        .containsEntry("q3", 4.0)
        .containsEntry("min", 1.0)
        .containsEntry("max", 5.0);
  }

  @Test
  void evenCountTakesTheMeanOfTheMiddlePair() {
    assertThat(Stats.summary(Arrays.asList(1.0, 2.0, 3.0, 10.0))).containsEntry("median", 2.5);
  }
}
