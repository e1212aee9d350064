package io.qnwis.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartTest {

  @TempDir Path dir;

  @Test
  void sharesOneLogarithmicAxisOnWhichEachDecadeIsAsWide() {
    int decades = 4;
    int decade = Chart.PLOT_WIDTH / decades;

    assertThat(Chart.x(10, decades) - Chart.x(1, decades)).isEqualTo(decade);
    assertThat(Chart.x(1_000, decades) - Chart.x(100, decades)).isEqualTo(decade);
    assertThat(Chart.x(0.2, decades)).isZero();
    assertThat(Chart.x(1e6, decades)).isEqualTo(Chart.PLOT_WIDTH);
  }

  @Test
  void axisReachesTheHighestWhiskerDrawnButNotANoiseRowsSpread() {
    Chart.Bar redis = new Chart.Bar("pipelined", 215, 52, 4_505, 728, 150);
    Chart.Bar noise = new Chart.Bar("syncSetEx", -40_693, 101_797, -41_645, 101_697, 150);

    assertThat(Chart.decades(List.of(redis))).isEqualTo(4); // 5,233 ns: up to 10 µs
    assertThat(Chart.decades(List.of(redis, noise))).isEqualTo(4);
    assertThat(Chart.decades(List.of(noise))).isEqualTo(3); // at least 1 µs
  }

  @Test
  void barsCarryEachAgentsAddedCostItsSpreadAndTheIssuesTarget() {
    Map<String, Object> data =
        Map.of(
            "microbenchmarks",
            Map.of(
                "results",
                List.of(
                    result("JdbcBenchmark.executeWithoutDatabase", 103, 2, 1_220, 206),
                    result("ExecutorBenchmark.submitAndGetInCaller", 177, 2, 9, 4))));

    List<Chart.Bar> bars = Chart.bars(data);

    assertThat(bars)
        .containsExactly(
            new Chart.Bar("JdbcBenchmark.executeWithoutDatabase", 103, 2, 1_220, 206, 150),
            new Chart.Bar("ExecutorBenchmark.submitAndGetInCaller", 177, 2, 9, 4, 300));
  }

  @Test
  void drawsABarForAnAddedCostAndNoneForNoise() throws Exception {
    Path file = dir.resolve("chart.png");
    Chart.write(
        List.of(
            new Chart.Bar("JdbcBenchmark.executeWithoutDatabase", 103, 2, 1_220, 206, 150),
            new Chart.Bar("LettuceBenchmark.syncGet", -16_100, 40_796, -21_784, 40_342, 150)),
        "test",
        file);

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(pixels(image, 0, Chart.AGENT)).isGreaterThan(100);
    assertThat(pixels(image, 0, Chart.OTEL)).isGreaterThan(pixels(image, 0, Chart.AGENT));
    assertThat(pixels(image, 1, Chart.AGENT)).isZero();
    assertThat(pixels(image, 1, Chart.OTEL)).isZero();
  }

  /** Pixels of exactly {@code color} in row {@code row}'s band of the chart. */
  private static int pixels(BufferedImage image, int row, java.awt.Color color) {
    int count = 0;
    int top = Chart.TOP + row * Chart.ROW_HEIGHT;
    for (int y = top; y < top + Chart.ROW_HEIGHT; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == (color.getRGB() & 0xffffff)) {
          count++;
        }
      }
    }
    return count;
  }

  private static Map<String, Object> result(
      String name, double agent, double agentError, double otel, double otelError) {
    return Map.of(
        "benchmark",
        name,
        "modes",
        Map.of(
            "agent", Map.of("added", agent, "added_error", agentError),
            "otel", Map.of("added", otel, "added_error", otelError)));
  }
}
