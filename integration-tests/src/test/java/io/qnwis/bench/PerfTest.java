package io.qnwis.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

class PerfTest {

  private static final String LETTUCE = "io.qnwis.bench.jmh.LettuceBenchmark.";

  /** As JMH selects benchmarks: the include pattern found anywhere in the full name. */
  private static boolean selects(String include, String benchmark) {
    return Pattern.compile(include).matcher(benchmark).find();
  }

  @Test
  void leftOutBenchmarksAreDroppedByExactNameOnly() {
    String include = Perf.include("LettuceBenchmark", List.of("syncGet", "syncSetEx"));

    assertThat(selects(include, LETTUCE + "syncGet")).isFalse();
    assertThat(selects(include, LETTUCE + "syncSetEx")).isFalse();
    assertThat(selects(include, LETTUCE + "syncGetWithoutNetwork")).isTrue();
    assertThat(selects(include, LETTUCE + "syncSetExWithoutNetwork")).isTrue();
    assertThat(selects(include, "io.qnwis.bench.jmh.RedisPipelineBenchmark.pipelinedGet"))
        .isFalse();
  }

  @Test
  void withNothingLeftOutTheWholeClassIsSelected() {
    String include = Perf.include("LettuceBenchmark", List.of());

    assertThat(selects(include, LETTUCE + "syncGet")).isTrue();
    assertThat(selects(include, LETTUCE + "syncSetExWithoutNetwork")).isTrue();
    assertThat(selects(include, "io.qnwis.bench.jmh.ExecutorBenchmark.submitAndGet")).isFalse();
  }

  /** A renamed benchmark would otherwise quietly come back into quick mode. */
  @Test
  void everyLeftOutBenchmarkIsABenchmarkOfItsClass() throws Exception {
    for (var entry : Perf.FULL_RUN_ONLY.entrySet()) {
      assertThat(Perf.PER_CALL).contains(entry.getKey());
      Class<?> type = Class.forName("io.qnwis.bench.jmh." + entry.getKey());
      for (String method : entry.getValue()) {
        assertThat(type.getMethods())
            .as(entry.getKey() + "." + method)
            .anyMatch(m -> m.getName().equals(method) && m.isAnnotationPresent(Benchmark.class));
      }
    }
  }
}
