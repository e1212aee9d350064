package io.qnwis.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverheadTest {

  @Test
  void addedCostIsOverNoAgentAndRatioIsOursOverOtels() {
    Map<String, Object> modes = new LinkedHashMap<>();
    modes.put(
        "none",
        new LinkedHashMap<>(Map.of("score", 1000.0, "error", 30.0, "cpu_ns_per_op", 900.0)));
    modes.put(
        "agent",
        new LinkedHashMap<>(Map.of("score", 1100.0, "error", 40.0, "cpu_ns_per_op", 980.0)));
    modes.put("otel", new LinkedHashMap<>(Map.of("score", 3000.0, "error", 0.0)));
    Map<String, Object> row = new LinkedHashMap<>(Map.of("benchmark", "b", "modes", modes));

    Overhead.addDerived(row);

    @SuppressWarnings("unchecked")
    Map<String, Object> agent = (Map<String, Object>) modes.get("agent");
    assertThat((double) agent.get("added")).isCloseTo(100.0, within(1e-9));
    assertThat((double) agent.get("added_error")).isCloseTo(50.0, within(1e-9));
    assertThat((double) agent.get("added_cpu")).isCloseTo(80.0, within(1e-9));
    assertThat((double) row.get("ratio_to_otel")).isCloseTo(0.05, within(1e-9));
  }

  @Test
  void noRatioWhenOtelAddsNothingMeasurable() {
    Map<String, Object> modes = new LinkedHashMap<>();
    modes.put("none", new LinkedHashMap<>(Map.of("score", 1000.0, "error", 1.0)));
    modes.put("agent", new LinkedHashMap<>(Map.of("score", 1010.0, "error", 1.0)));
    modes.put("otel", new LinkedHashMap<>(Map.of("score", 990.0, "error", 1.0)));
    Map<String, Object> row = new LinkedHashMap<>(Map.of("benchmark", "b", "modes", modes));

    Overhead.addDerived(row);

    assertThat(row).doesNotContainKey("ratio_to_otel");
  }

  @Test
  void noRatioWhenOtelsAddedCostIsWithinItsSpreadAndAStaleOneIsDropped() {
    Map<String, Object> modes = new LinkedHashMap<>();
    modes.put("none", new LinkedHashMap<>(Map.of("score", 700.0, "error", 20.0)));
    modes.put("agent", new LinkedHashMap<>(Map.of("score", 500.0, "error", 10.0)));
    modes.put("otel", new LinkedHashMap<>(Map.of("score", 790.0, "error", 108.0)));
    Map<String, Object> row =
        new LinkedHashMap<>(Map.of("benchmark", "b", "modes", modes, "ratio_to_otel", -2.2));

    Overhead.addDerived(row);

    assertThat(row).doesNotContainKey("ratio_to_otel");
  }

  @Test
  void settingsDescribeThemselvesAsTheReportSaysThem() {
    assertThat(Overhead.Settings.of(false).describe())
        .isEqualTo("2 forks per mode, 5 warm-up iterations of 1 s, 10 measured iterations of 1 s");
    assertThat(Overhead.Settings.of(true).describe())
        .isEqualTo(
            "1 fork per mode, 3 warm-up iterations of 0.8 s, 3 measured iterations of 0.3 s");
  }
}
