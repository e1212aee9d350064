package io.qnwis.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

  @Test
  void defaultsToEveryScenarioWithFortyRequestsAndTheDocumentedTargets() throws Exception {
    BenchmarkOptions options = BenchmarkOptions.parse();

    assertThat(options.scenarios()).containsExactly(Scenario.values());
    assertThat(options.requests()).isEqualTo(40);
    assertThat(options.keys()).isEqualTo(16);
    assertThat(options.duration()).isNull();
    assertThat(options.baseUrl()).hasToString("http://127.0.0.1:8080");
    assertThat(options.targets())
        .containsEntry(Scenario.SIMPLE, Duration.ofSeconds(10))
        .containsEntry(Scenario.MEDIUM, Duration.ofSeconds(30))
        .containsEntry(Scenario.COMPLEX, Duration.ofSeconds(90))
        .containsEntry(Scenario.DASHBOARD, Duration.ofSeconds(3));
  }

  @Test
  void readsEveryOptionInSeparateAndInlineForm() throws Exception {
    BenchmarkOptions options =
        BenchmarkOptions.parse(
            "--base-url",
            "http://localhost:9000",
            "--scenario",
            "complex,dashboard",
            "--users=8",
            "--keys",
            "100",
            "--duration",
            "30s",
            "--timeout",
            "5s",
            "--target",
            "dashboard=500ms",
            "--metrics-url",
            "http://127.0.0.1:9400/metrics",
            "--output",
            "out.json",
            "--baseline",
            "base.json",
            "--max-error-rate",
            "0");

    assertThat(options.scenarios()).containsExactly(Scenario.COMPLEX, Scenario.DASHBOARD);
    assertThat(options.users()).isEqualTo(8);
    assertThat(options.keys()).isEqualTo(100);
    // Only a duration given: it alone limits the run.
    assertThat(options.requests()).isEqualTo(Integer.MAX_VALUE);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.targets()).containsEntry(Scenario.DASHBOARD, Duration.ofMillis(500));
    assertThat(options.metricsUrl()).hasToString("http://127.0.0.1:9400/metrics");
    assertThat(options.output()).hasToString("out.json");
    assertThat(options.baseline()).hasToString("base.json");
    assertThat(options.maxErrorRate()).isZero();
  }

  @Test
  void namesTheOptionInEveryError() {
    assertError("--users is not a positive whole number", "--users", "0");
    assertError("--users: \"many\" is not a positive whole number", "--users", "many");
    assertError("--scenario: unknown scenario \"huge\"", "--scenario", "huge");
    assertError("--duration: \"30\" is not a duration", "--duration", "30");
    assertError("--target: \"simple\" is not NAME=DURATION", "--target", "simple");
    assertError("--target: \"fast\" is not a duration", "--target", "simple=fast");
    assertError(
        "--base-url: \"localhost:8080\" is not an http:// URL", "--base-url", "localhost:8080");
    assertError("--requests needs a value", "--requests");
    assertError("--requests needs a value", "--requests", "--all");
    assertError("unknown option \"--userz\"", "--userz", "3");
    assertError("--all and --scenario exclude each other", "--all", "--scenario", "simple");
    assertError("--max-error-rate: \"2\" is not a fraction", "--max-error-rate", "2");
  }

  private static void assertError(String message, String... args) {
    String expected = message.replace("--users is", "--users: \"0\" is");
    assertThatThrownBy(() -> BenchmarkOptions.parse(args))
        .isInstanceOf(BenchmarkOptions.OptionsException.class)
        .hasMessageContaining(expected);
  }
}
