package io.qnwis.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qnwis.it.support.AgentJvm;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prometheus's own linter accepts what the agent serves. */
class PromtoolTest {

  @TempDir Path dir;

  @Test
  void promtoolAcceptsTheMetricsPage() throws Exception {
    Path promtool = promtool();
    assumeTrue(
        promtool != null,
        "promtool is not installed (Debian: apt-get install -y prometheus; .ci/run installs it)");
    Path file = ConfigFile.write(dir.resolve("agent.yaml"), "reload_interval: 200ms\n");
    try (AgentJvm jvm = AgentJvm.builder(IdleService.class).config(file).start()) {
      jvm.awaitReady().awaitEndpoint();
      // An applied reload, so the labelled reload counter has a sample too.
      ConfigFile.write(file, "reload_interval: 250ms\n");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> jvm.scrape().has("qnwis_agent_config_reloads_total"));
      String metrics = jvm.get("/metrics").body();

      Process check =
          new ProcessBuilder(promtool.toString(), "check", "metrics")
              .redirectErrorStream(true)
              .start();
      try (OutputStream in = check.getOutputStream()) {
        in.write(metrics.getBytes(StandardCharsets.UTF_8));
      }
      String verdict = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(check.exitValue()).as(verdict + "\n" + metrics).isZero();
      assertThat(metrics)
          .contains("qnwis_agent_info{")
          .contains("qnwis_agent_config_reloads_total{");
    }
  }

  private static Path promtool() throws IOException {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
