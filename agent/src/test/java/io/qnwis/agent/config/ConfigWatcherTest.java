package io.qnwis.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {

  @TempDir Path dir;

  /** Records what the watcher told it. */
  static final class Recorder implements ConfigWatcher.Listener {
    final List<AgentConfig> applied = new ArrayList<>();
    final List<List<String>> rejected = new ArrayList<>();
    final CountDownLatch firstApplied = new CountDownLatch(1);

    @Override
    public synchronized void applied(AgentConfig config) {
      applied.add(config);
      firstApplied.countDown();
    }

    @Override
    public synchronized void rejected(List<String> problems) {
      rejected.add(problems);
    }
  }

  private final Recorder recorder = new Recorder();

  /** A watcher built right after the start-up read of {@code file}, as the agent builds it. */
  private ConfigWatcher watcher(Path file) {
    return watcher(file, ConfigLoader.load(file));
  }

  private ConfigWatcher watcher(Path file, ConfigResult started) {
    ConfigHolder holder = new ConfigHolder(AgentConfig.defaults(), true, (c, e) -> {});
    return new ConfigWatcher(file, started, recorder, holder);
  }

  @Test
  void appliesAChangeMadeAfterTheStartUpReadBeforeTheWatcherWasBuilt() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "reload_interval: 1h\n");
    ConfigResult started = ConfigLoader.load(file);
    Files.writeString(file, "reload_interval: 2h\n");

    watcher(file, started).check();

    assertThat(recorder.applied).hasSize(1);
    assertThat(recorder.applied.get(0).reloadInterval()).hasHours(2);
  }

  @Test
  void unchangedFileIsNotReported() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "reload_interval: 1h\n");
    ConfigWatcher watcher = watcher(file);
    watcher.start();
    try {
      watcher.check();
      watcher.check();

      assertThat(recorder.applied).isEmpty();
      assertThat(recorder.rejected).isEmpty();
    } finally {
      watcher.stop();
    }
  }

  @Test
  void changedValidFileIsAppliedOnce() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "reload_interval: 1h\n");
    ConfigWatcher watcher = watcher(file);
    watcher.start();
    try {
      Files.writeString(file, "reload_interval: 1h\njdbc: {slow_query_threshold: 2s}\n");
      watcher.check();
      watcher.check();

      assertThat(recorder.applied)
          .singleElement()
          .satisfies(c -> assertThat(c.jdbc().slowQueryThreshold()).hasSeconds(2));
      assertThat(recorder.rejected).isEmpty();
    } finally {
      watcher.stop();
    }
  }

  @Test
  void changedInvalidFileIsRejectedOnceWithItsProblems() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "reload_interval: 1h\n");
    ConfigWatcher watcher = watcher(file);
    watcher.start();
    try {
      Files.writeString(file, "reload_interval: 1h\njdbc: {slow_query_threshold: -1s}\n");
      watcher.check();
      watcher.check();

      assertThat(recorder.rejected)
          .containsExactly(
              List.of("jdbc.slow_query_threshold: \"-1s\" is not a positive duration"));
      assertThat(recorder.applied).isEmpty();
    } finally {
      watcher.stop();
    }
  }

  @Test
  void fixedFileAfterARejectionIsApplied() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "reload_interval: 1h\n");
    ConfigWatcher watcher = watcher(file);
    watcher.start();
    try {
      Files.writeString(file, "reload_interval: soon\n");
      watcher.check();
      Files.writeString(file, "reload_interval: 2h\n");
      watcher.check();

      assertThat(recorder.rejected).hasSize(1);
      assertThat(recorder.applied)
          .singleElement()
          .satisfies(c -> assertThat(c.reloadInterval()).isEqualTo(Duration.ofHours(2)));
    } finally {
      watcher.stop();
    }
  }

  @Test
  void deletedFileIsRejectedOnce() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "reload_interval: 1h\n");
    ConfigWatcher watcher = watcher(file);
    watcher.start();
    try {
      Files.delete(file);
      watcher.check();
      watcher.check();

      assertThat(recorder.rejected)
          .singleElement()
          .satisfies(
              problems -> assertThat(problems.get(0)).startsWith(file + ": cannot read the file"));
    } finally {
      watcher.stop();
    }
  }

  @Test
  void restoredFileIsAppliedAgain() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "reload_interval: 1h\n");
    ConfigWatcher watcher = watcher(file);
    watcher.start();
    try {
      Files.delete(file);
      watcher.check();
      Files.writeString(file, "reload_interval: 1h\n");
      watcher.check();

      assertThat(recorder.applied).hasSize(1);
    } finally {
      watcher.stop();
    }
  }

  @Test
  void warnsThatAChangedPortNeedsARestartAndStillAppliesTheRest() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "metrics: {port: 9400}\n");
    ConfigWatcher watcher = watcher(file);
    watcher.start();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    try {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      Files.writeString(file, "metrics: {port: 9500}\njdbc: {slow_query_threshold: 1s}\n");
      watcher.check();
    } finally {
      System.setErr(stderr);
      watcher.stop();
    }

    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains(
            "metrics.port (9400 to 9500) changed; this takes effect at the next restart of the"
                + " service");
    assertThat(recorder.applied).hasSize(1);
  }

  @Test
  void pollsOnItsOwnDaemonThread() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "reload_interval: 10ms\n");
    ConfigResult started = ConfigLoader.load(file);
    ConfigHolder holder = new ConfigHolder(started.config(), true, (c, e) -> {});
    List<String> threads = new ArrayList<>();
    ConfigWatcher watcher =
        new ConfigWatcher(
            file,
            started,
            new ConfigWatcher.Listener() {
              @Override
              public void applied(AgentConfig config) {
                threads.add(Thread.currentThread().getName());
                threads.add(String.valueOf(Thread.currentThread().isDaemon()));
                recorder.applied(config);
              }

              @Override
              public void rejected(List<String> problems) {}
            },
            holder);
    watcher.start();
    try {
      Files.writeString(file, "reload_interval: 20ms\n");

      assertThat(recorder.firstApplied.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(threads).containsExactly("qnwis-perf-config-1", "true");
    } finally {
      watcher.stop();
    }
  }
}
