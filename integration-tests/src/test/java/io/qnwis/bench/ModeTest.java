package io.qnwis.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModeTest {

  @Test
  void eachRoundStartsWithTheNextMode() {
    List<Mode> all = List.of(Mode.NONE, Mode.AGENT, Mode.OTEL);

    assertThat(Mode.rotated(all, 0)).containsExactly(Mode.NONE, Mode.AGENT, Mode.OTEL);
    assertThat(Mode.rotated(all, 1)).containsExactly(Mode.AGENT, Mode.OTEL, Mode.NONE);
    assertThat(Mode.rotated(all, 5)).containsExactly(Mode.OTEL, Mode.NONE, Mode.AGENT);
  }

  @Test
  void otelModeExportsMetricsOnLoopbackWithTracesAndLogsOff() {
    List<String> args = Mode.OTEL.jvmArgs();

    assertThat(args.get(0)).startsWith("-javaagent:").endsWith("opentelemetry-javaagent.jar");
    assertThat(args)
        .contains(
            "-Dotel.traces.exporter=none",
            "-Dotel.logs.exporter=none",
            "-Dotel.metrics.exporter=prometheus",
            "-Dotel.exporter.prometheus.host=127.0.0.1")
        .anyMatch(a -> a.matches("-Dotel\\.exporter\\.prometheus\\.port=\\d+"));
  }

  @Test
  void agentModeUsesAnEphemeralPortAndTheBenchConfig() {
    assertThat(Mode.AGENT.jvmArgs())
        .singleElement()
        .asString()
        .contains("qnwis-agent.jar=port=0,config=")
        .endsWith(".yaml");
    assertThat(Mode.NONE.jvmArgs()).isEmpty();
  }
}
