package io.qnwis.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void saysWhichSectionsWereSkippedAndWhy() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(
        "microbenchmarks",
        Map.of("skipped", List.of("JdbcBenchmark is not merged"), "results", List.of()));
    data.put("end_to_end", Map.of("status", "skipped", "reason", "no LoadBenchmark"));
    data.put("scrape", Map.of("status", "failed", "reason", "boom"));

    String md = Report.render(data);

    assertThat(md)
        .contains("*skipped: JdbcBenchmark is not merged*")
        .contains("*skipped: no LoadBenchmark*")
        .contains("*failed: boom*");
  }

  @Test
  void statesWhatAClockReadCostsWhenTheRunMeasuredIt() {
    Map<String, Object> measured =
        Map.of("machine", Map.of("cores", 2, "load_before", "0.10", "clock_read_ns", 30.04));

    assertThat(Report.render(measured)).contains("One `System.nanoTime()` costs 30.0 ns here");
    assertThat(Report.render(Map.of("machine", Map.of("cores", 2)))).doesNotContain("nanoTime");
  }

  @Test
  void perCallRowShowsEachModeAddedCostAndRatio() {
    Map<String, Object> row =
        result(
            "JdbcBenchmark.select",
            0.05,
            Map.of(
                "none", Map.of("score", 1400.0, "error", 20.0, "min", 1390.0, "max", 1420.0),
                "agent",
                    Map.of("score", 1500.0, "error", 30.0, "added", 100.0, "added_error", 36.1),
                "otel",
                    Map.of("score", 3400.0, "error", 50.0, "added", 2000.0, "added_error", 53.9)));
    Map<String, Object> data = Map.of("microbenchmarks", Map.of("results", List.of(row)));

    String md = Report.render(data);

    assertThat(md)
        .contains("| JdbcBenchmark.select | 1,400.0 ± 20.0 [1,390.0–1,420.0] |")
        .contains("| 100.0 ± 36.1 | 2,000.0 ± 53.9 | 0.05 |")
        .contains("| JdbcBenchmark.select: added | < 150 ns | 100 ns ± 36 | met |");
  }

  @Test
  void countsTheVerdictsUpFrontAndNamesWhatIsNotMet() {
    Map<String, Object> fast =
        result(
            "JdbcBenchmark.fast",
            0.05,
            Map.of(
                "none", Map.of("alloc_bytes_per_op", 0.0),
                "agent",
                    Map.of(
                        "added", 100.0,
                        "added_error", 10.0,
                        "alloc_bytes_per_op", 0.0,
                        "agent_code_alloc_bytes_per_op", 0.0)));
    Map<String, Object> slow =
        result(
            "JdbcBenchmark.slow",
            0.5,
            Map.of(
                "none", Map.of("alloc_bytes_per_op", 0.0),
                "agent", Map.of("added", 400.0, "added_error", 300.0, "alloc_bytes_per_op", 0.0)));
    Map<String, Object> data = Map.of("microbenchmarks", Map.of("results", List.of(fast, slow)));

    String md = Report.render(data);

    assertThat(md)
        .contains(
            "**Targets** (issue 7; each with its figure in the Targets section below): 4 met, 1"
                + " not met, 1 inconclusive (the spread straddles the limit), 0 not measured."
                + " Not met: JdbcBenchmark.slow: share of OTel's added cost.");
    assertThat(md.indexOf("**Targets**")).isLessThan(md.indexOf("## 1. Per-call overhead"));
  }

  /** A per-call result as performance.json holds it. */
  private static Map<String, Object> result(String benchmark, double ratio, Map<String, ?> modes) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("benchmark", benchmark);
    row.put("ratio_to_otel", ratio);
    row.put("modes", modes);
    return row;
  }
}
