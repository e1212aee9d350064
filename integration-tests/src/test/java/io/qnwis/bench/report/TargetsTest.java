package io.qnwis.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
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

  @Test
  void callsTheShareInconclusiveWhenOpenTelemetrysAddedCostIsNoise() {
    // No ratio_to_otel: Overhead leaves it out when OpenTelemetry's added cost is within its
    // spread (a hand-off benchmark whose wake-ups vary by microseconds).
    List<String[]> rows = Targets.rows(data(523, 452, Double.NaN));

    assertThat(rows.get(1)[2]).isEqualTo("none: OTel's added cost is within its spread");
    assertThat(rows.get(1)[3]).isEqualTo("inconclusive (spread)");
  }

  @Test
  void judgesAllocationOnWhatTheAgentsCodeAllocatesWhereThatWasSampled() {
    // H2's own allocation moves by tens of bytes from fork to fork: the whole process's
    // difference says nothing of the agent's.
    String[] driverNoise = allocationRow(2179, 2115, 0.01);
    assertThat(driverNoise[2]).isEqualTo("0.0 B/op (+64 B/op)");
    assertThat(driverNoise[3]).isEqualTo("met");

    String[] ownTask = allocationRow(40, 32, 40.0);
    assertThat(ownTask[0]).contains("allocation by the agent's code");
    assertThat(ownTask[3]).isEqualTo("**not met**");
  }

  @Test
  void judgesAllocationOnTheWholeProcessWhenTheAgentsCodeWasNotSampled() {
    String[] row = allocationRow(2179, 2115, Double.NaN);

    assertThat(row[0]).endsWith("allocation added");
    assertThat(row[2]).isEqualTo("64 B/op");
    assertThat(row[3]).isEqualTo("**not met**");
  }

  private static String[] allocationRow(double agent, double none, double agentCode) {
    Map<String, Object> agentFigures =
        new HashMap<>(Map.of("added", 50.0, "added_error", 5.0, "alloc_bytes_per_op", agent));
    if (!Double.isNaN(agentCode)) {
      agentFigures.put("agent_code_alloc_bytes_per_op", agentCode);
    }
    Map<String, Object> row =
        Map.of(
            "benchmark",
            "JdbcBenchmark.acquirePrepareExecute",
            "ratio_to_otel",
            0.05,
            "modes",
            Map.of("agent", agentFigures, "none", Map.of("alloc_bytes_per_op", none)));
    return Targets.rows(Map.of("microbenchmarks", Map.of("results", List.of(row)))).get(2);
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
