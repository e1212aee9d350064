package io.qnwis.agent.config;

import io.qnwis.agent.AgentLog;
import io.qnwis.agent.AgentThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the config file again every {@code reload_interval} of the config in force, on one daemon
 * thread of the agent's own. Only a change of content counts: a changed valid file is {@link
 * Listener#applied applied}, a changed invalid (or unreadable) one {@link Listener#rejected
 * rejected} once, and the config in force stays. Polling rather than a file-system watch service:
 * it also sees files replaced through symlinks (Kubernetes config maps) and costs one small read.
 */
public final class ConfigWatcher {

  /** Told of each changed file: applied when valid, rejected (previous config kept) when not. */
  public interface Listener {
    void applied(AgentConfig config);

    void rejected(List<String> problems);
  }

  private final Path file;
  private final Listener listener;
  private final ConfigHolder holder;
  private Snapshot lastSeen;
  private AgentConfig lastApplied;
  private ScheduledExecutorService scheduler;

  /**
   * {@code started} is what the agent read from {@code file} at start-up: the first poll applies a
   * change made since then, even one made before the watcher was built. A result read from no text
   * (the file could not be read) takes the file as it is now as the baseline.
   */
  public ConfigWatcher(Path file, ConfigResult started, Listener listener, ConfigHolder holder) {
    this.file = file;
    this.listener = listener;
    this.holder = holder;
    this.lastSeen =
        started.source() != null ? new Snapshot(started.source(), null) : Snapshot.of(file);
    // The file's config as the agent started with it; the config in force if the file was invalid
    // (then a port= override may be reported as a change, though it still wins).
    this.lastApplied = started.valid() ? started.config() : holder.current();
  }

  /** Starts polling. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(AgentThreads.factory("config"));
    scheduleNext();
  }

  /** Stops polling (tests; the agent polls for the life of the JVM). */
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  /**
   * One look at the file: tells the listener if its content differs from the last look. Called by
   * the polling thread; tests call it directly.
   */
  synchronized void check() {
    Snapshot now = Snapshot.of(file);
    if (now.equals(lastSeen)) {
      return;
    }
    lastSeen = now;
    ConfigResult result =
        now.content() == null
            ? ConfigResult.invalid(List.of(file + ": cannot read the file (" + now.error() + ")"))
            : ConfigLoader.parse(now.content(), file.toString());
    if (result.valid()) {
      warnOfStartOnlyChanges(result.config());
      listener.applied(result.config());
      lastApplied = result.config();
    } else {
      listener.rejected(result.problems());
    }
  }

  /** Start-only options are compared with the last config applied from the file. */
  private void warnOfStartOnlyChanges(AgentConfig next) {
    List<String> changes = StartOnlyOptions.changed(lastApplied, next);
    if (!changes.isEmpty()) {
      AgentLog.warn(
          "config "
              + file
              + ": "
              + String.join(", ", changes)
              + " changed; this takes effect at the next restart of the service");
    }
  }

  private void scheduleNext() {
    long millis = holder.current().reloadInterval().toMillis();
    scheduler.schedule(this::tick, millis, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      check();
    } catch (Throwable error) {
      AgentLog.warnRateLimited("config-watcher", "config reload failed (will retry): " + error);
    } finally {
      synchronized (this) {
        if (!scheduler.isShutdown()) {
          scheduleNext();
        }
      }
    }
  }

  /** The file's content, or why it could not be read. */
  private record Snapshot(String content, String error) {
    static Snapshot of(Path file) {
      try {
        return new Snapshot(Files.readString(file, StandardCharsets.UTF_8), null);
      } catch (IOException | RuntimeException e) {
        return new Snapshot(null, e.toString());
      }
    }
  }
}
