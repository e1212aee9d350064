package io.qnwis.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.bench.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndToEndTest {

  @Test
  void findsScenariosInAListOfObjectsNamingThemselves() {
    Object json =
        Json.parse(
            "{\"results\": [{\"scenario\": \"simple\", \"throughput_rps\": 50, \"p50_ms\": 3,"
                + " \"p95_ms\": 9, \"p99_ms\": 12}, {\"scenario\": \"complex\", \"p50_ms\": 40}]}");
    Map<String, Map<String, Double>> scenarios = new LinkedHashMap<>();
    Map<String, String> keys = new LinkedHashMap<>();

    EndToEnd.collect(json, null, scenarios, keys);

    assertThat(scenarios.get("simple"))
        .containsEntry("throughput", 50.0)
        .containsEntry("p50", 3.0)
        .containsEntry("p95", 9.0)
        .containsEntry("p99", 12.0);
    assertThat(scenarios.get("complex")).containsEntry("p50", 40.0);
    assertThat(keys).containsEntry("p95", "p95_ms");
  }

  @Test
  void findsScenariosKeyedByNameWithPercentilesOneLevelDown() {
    Object json =
        Json.parse(
            "{\"scenarios\": {\"dashboard\": {\"throughput\": 80,"
                + " \"latency_ms\": {\"p50\": 1.5, \"p95\": 3, \"p99\": 4}}}}");
    Map<String, Map<String, Double>> scenarios = new LinkedHashMap<>();
    Map<String, String> keys = new LinkedHashMap<>();

    EndToEnd.collect(json, null, scenarios, keys);

    assertThat(scenarios.get("dashboard"))
        .containsEntry("throughput", 80.0)
        .containsEntry("p50", 1.5)
        .containsEntry("p99", 4.0);
    assertThat(keys).containsEntry("p50", "latency_ms.p50");
  }

  @Test
  void readsTheLoadBenchmarksOwnShapeIgnoringTargets() {
    Object json =
        Json.parse(
            "{\"tool\": \"qnwis-load-benchmark\", \"scenarios\": {\"simple\": {\"requests\": 40,"
                + " \"throughput_rps\": 120.5, \"latency_seconds\": {\"min\": 0.001, \"p50\": 0.004,"
                + " \"p90\": 0.006, \"p95\": 0.007, \"p99\": 0.02}, \"target_p95_seconds\": 10}}}");
    Map<String, Map<String, Double>> scenarios = new LinkedHashMap<>();
    Map<String, String> keys = new LinkedHashMap<>();

    EndToEnd.collect(json, null, scenarios, keys);

    assertThat(scenarios.get("simple"))
        .containsEntry("throughput", 120.5)
        .containsEntry("p50", 0.004)
        .containsEntry("p95", 0.007)
        .containsEntry("p99", 0.02);
    assertThat(keys).containsEntry("p95", "latency_seconds.p95");
  }
}
