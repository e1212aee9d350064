package io.qnwis.agent.instrumentation.lettuce;

import io.qnwis.agent.AgentThreads;
import io.qnwis.agent.metrics.AgentErrors;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent's one Redis thread: command timeouts every {@link CommandTimeouts#PERIOD_MILLIS} ms,
 * adaptive TTL estimates every second. It starts with the first command dispatched, so a service
 * that never sends one (Lettuce on its class path, or not) has no such thread and no wake-ups, and
 * its start-up does not share the cores with it.
 */
final class RedisMaintenance {

  private final Runnable checkTimeouts;
  private final Runnable refreshEstimates;
  private final AgentErrors errors;

  /** Plain, not volatile: a thread that reads a stale false only takes the lock to find it true. */
  private boolean started;

  RedisMaintenance(Runnable checkTimeouts, Runnable refreshEstimates, AgentErrors errors) {
    this.checkTimeouts = checkTimeouts;
    this.refreshEstimates = refreshEstimates;
    this.errors = errors;
  }

  /** On every command dispatched: costs a field read once started. */
  void ensureStarted() {
    if (!started) {
      start();
    }
  }

  synchronized boolean started() {
    return started;
  }

  private synchronized void start() {
    if (started) {
      return;
    }
    ScheduledExecutorService thread =
        Executors.newSingleThreadScheduledExecutor(AgentThreads.factory("redis"));
    thread.scheduleWithFixedDelay(
        guarded(checkTimeouts),
        CommandTimeouts.PERIOD_MILLIS,
        CommandTimeouts.PERIOD_MILLIS,
        TimeUnit.MILLISECONDS);
    thread.scheduleWithFixedDelay(guarded(refreshEstimates), 1, 1, TimeUnit.SECONDS);
    started = true;
  }

  /** A periodic task that survives its own failures (an escaped one would cancel it). */
  private Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (Throwable error) {
        errors.report(LettuceCommandScope.COMPONENT, error);
      }
    };
  }
}
