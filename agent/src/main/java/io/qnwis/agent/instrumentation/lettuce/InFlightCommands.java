package io.qnwis.agent.instrumentation.lettuce;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Commands between dispatch and completion, keyed by the innermost Lettuce {@code Command} (the
 * object every wrapper of it delegates to, which does not override {@code equals}, so the map is an
 * identity map). An entry is removed by whichever completion hook runs first, so a command is
 * observed once however many wrappers complete around it. Bounded: past {@link #MAX} entries,
 * entries older than a minute are dropped first, and new commands go untracked if that frees
 * nothing (Lettuce completes every command it accepts, so the table only fills when a service keeps
 * more than {@link #MAX} commands in flight).
 */
final class InFlightCommands {

  static final int MAX = 100_000;
  private static final long STALE_NANOS = 60_000_000_000L;

  /** When the command was dispatched, and the object the caller holds (to fail it on timeout). */
  record InFlight(long startNanos, Object dispatched) {}

  private final ConcurrentHashMap<Object, InFlight> commands = new ConcurrentHashMap<>();
  private final int max;

  InFlightCommands() {
    this(MAX);
  }

  InFlightCommands(int max) {
    this.max = max;
  }

  /** Tracks {@code command}; false if it cannot be (table full). Re-dispatch keeps the first. */
  boolean start(Object command, Object dispatched, long nowNanos) {
    if (commands.size() >= max && !purge(nowNanos - STALE_NANOS)) {
      return false;
    }
    commands.putIfAbsent(command, new InFlight(nowNanos, dispatched));
    return true;
  }

  /** Stops tracking {@code command}; its entry, or null if it was not (or no longer) tracked. */
  InFlight end(Object command) {
    return commands.remove(command);
  }

  /** Claims {@code command} for a timeout; false if it completed meanwhile. */
  boolean claim(Object command, InFlight entry) {
    return commands.remove(command, entry);
  }

  /** Calls {@code action} for each command dispatched before {@code cutoffNanos}. */
  void forEachStartedBefore(long cutoffNanos, BiConsumer<Object, InFlight> action) {
    for (Map.Entry<Object, InFlight> entry : commands.entrySet()) {
      if (entry.getValue().startNanos() - cutoffNanos < 0) {
        action.accept(entry.getKey(), entry.getValue());
      }
    }
  }

  int size() {
    return commands.size();
  }

  private synchronized boolean purge(long cutoffNanos) {
    commands.values().removeIf(entry -> entry.startNanos() - cutoffNanos < 0);
    return commands.size() < max;
  }
}
