package io.qnwis.sample.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RatiosTest {

  @Test
  void fitsAndProjectsAStraightLine() {
    long[] line = {10, 12, 14, 16};

    assertThat(Ratios.slope(line)).isCloseTo(2, within(1e-9));
    assertThat(Ratios.projectNext(line)).isCloseTo(18, within(1e-9));
  }

  @Test
  void leavesRatiosOverNothingUndefined() {
    assertThat(Ratios.ratio(5, 0)).isNaN();
    assertThat(Ratios.growthPercent(0, 10)).isNaN();
    assertThat(Ratios.growthPercent(200, 210)).isEqualTo(5);
    assertThat(Ratios.slope(new long[] {7})).isZero();
  }

  @Test
  void storesATaskResultAsScoreAndJsonAndReadsItBack() {
    AnalysisTask.Result result = new AnalysisTask.Result(-1, "{\"a\":\"x|y\"}");

    assertThat(result.encode()).isEqualTo("-1|{\"a\":\"x|y\"}");
    assertThat(AnalysisTask.Result.decode(result.encode())).isEqualTo(result);
  }
}
