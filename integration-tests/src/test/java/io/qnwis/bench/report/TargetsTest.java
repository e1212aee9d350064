package io.qnwis.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {

  @Test
  void judgesAPerCallTargetOnlyWhenTheWholeIntervalIsOnOneSide() {
    assertThat(verdict(40, 20)).isEqualTo("met");
    assertThat(verdict(400, 20)).isEqualTo("**not met**");
    assertThat(verdict(100, 500)).isEqualTo("inconclusive (spread)");
  }

  @Test
  void callsTheShareOfOpenTelemetrysCostInconclusiveWhenTheAddedCostIsNoise() {
    List<String[]> rows = Targets.rows(data(-300, 5_000, 0.01));

    assertThat(rows.get(1)[0]).contains("share of OTel");
    assertThat(rows.get(1)[3]).isEqualTo("inconclusive (spread)");
  }

  private static String verdict(double added, double error) {
    return Targets.rows(data(added, error, 0.05)).get(0)[3];
  }

  private static Map<String, Object> data(double added, double error, double ratio) {
    Map<String, Object> row =
        Map.of(
            "benchmark",
            "JdbcBenchmark.preparedSelect",
            "ratio_to_otel",
            ratio,
            "modes",
            Map.of(
                "agent", Map.of("added", added, "added_error", error, "alloc_bytes_per_op", 0.0),
                "none", Map.of("alloc_bytes_per_op", 0.0)));
    return Map.of("microbenchmarks", Map.of("results", List.of(row)));
  }
}
