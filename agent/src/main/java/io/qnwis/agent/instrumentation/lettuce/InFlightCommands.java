package io.qnwis.agent.instrumentation.lettuce;

import io.qnwis.agent.bootstrap.lettuce.CommandSlot;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Commands between dispatch and completion, by identity of the innermost Lettuce {@code Command}
 * (the object every wrapper of it delegates to). An entry is claimed by whichever completion hook
 * (or the timeout policy) comes first, so a command is observed once however many wrappers complete
 * around it.
 *
 * <p>The hot path allocates nothing: entries live in preallocated slots, {@value #BUCKET} per
 * bucket, taken and released with compare-and-set. A command with the agent's field ({@link
 * CommandSlot}, added to {@code Command} as it loads) goes to a random bucket and keeps its slot in
 * the field (slot + 1, {@link #OVERFLOWED} for the overflow map, 0 while untracked): its completion
 * reads the field instead of hashing, and a second completion hook sees 0 and stops there. A
 * command without it (its class loaded before the agent) goes to the bucket of its identity hash. A
 * slot goes {@code null -> CLAIMED -> command -> CLAIMED -> null}: its start time and holder are
 * written while it is claimed, before the command is published in it, and cleared before it is
 * released, so a reader that sees the command sees its own entry. A command whose bucket is full
 * goes to an overflow map. Bounded: {@link #SLOTS} slots plus at most {@code max} overflow entries;
 * when the overflow is full entries older than a minute are dropped first, and new commands go
 * untracked if that frees nothing (Lettuce completes every command it accepts, so that only happens
 * when a service keeps that many commands in flight).
 */
final class InFlightCommands {

  static final int MAX = 100_000;
  static final int SLOTS = 4096; // at most Short.MAX_VALUE: a CommandSlot is a short
  private static final int BUCKET = 8;
  private static final long STALE_NANOS = 60_000_000_000L;
  private static final Object CLAIMED = new Object();

  /** A {@link CommandSlot}'s mark for a command tracked in the overflow map. */
  static final int OVERFLOWED = -1;

  /** What {@link #end} returns for a command that is not (or no longer) tracked. */
  static final long NOT_TRACKED = Long.MIN_VALUE;

  /** A claimed entry: the command, what the caller holds (to fail it), when it was dispatched. */
  interface Claimed {
    void accept(Object command, Object dispatched, long startNanos);
  }

  private record Overflow(long startNanos, Object dispatched) {}

  private final AtomicReferenceArray<Object> commands = new AtomicReferenceArray<>(SLOTS);
  private final long[] starts = new long[SLOTS];
  private final Object[] holders = new Object[SLOTS];
  private final ConcurrentHashMap<Object, Overflow> overflow = new ConcurrentHashMap<>();
  private final int maxOverflow;

  InFlightCommands() {
    this(MAX);
  }

  /** {@code maxOverflow}: entries beyond the slots (commands whose bucket is full). */
  InFlightCommands(int maxOverflow) {
    this.maxOverflow = maxOverflow;
  }

  /** Tracks {@code command}; false if it cannot be (table full). Re-dispatch keeps the first. */
  boolean start(Object command, Object dispatched, long nowNanos) {
    if (command instanceof CommandSlot slotted) {
      return startSlotted(slotted, dispatched, nowNanos);
    }
    int bucket = bucket(command);
    while (true) {
      int free = -1;
      for (int i = bucket; i < bucket + BUCKET; i++) {
        Object held = commands.get(i);
        if (held == command) {
          return true;
        }
        if (held == null && free < 0) {
          free = i;
        }
      }
      if (free < 0) {
        return startOverflow(command, dispatched, nowNanos);
      }
      if (!overflow.isEmpty() && overflow.containsKey(command)) {
        return true;
      }
      if (commands.compareAndSet(free, null, CLAIMED)) {
        starts[free] = nowNanos;
        holders[free] = dispatched;
        commands.lazySet(free, command); // release: whoever reads the command reads its entry

        return true;
      }
    }
  }

  /**
   * Stops tracking {@code command}; its dispatch time, or {@link #NOT_TRACKED} if it was not (or no
   * longer) tracked.
   */
  long end(Object command) {
    if (command instanceof CommandSlot slotted) {
      return endSlotted(slotted);
    }
    int bucket = bucket(command);
    for (int i = bucket; i < bucket + BUCKET; i++) {
      if (commands.get(i) == command) {
        long start = starts[i];
        if (!commands.compareAndSet(i, command, CLAIMED)) {
          return NOT_TRACKED; // claimed by the timeout policy meanwhile
        }
        holders[i] = null;
        commands.lazySet(i, null);
        return start;
      }
    }
    if (overflow.isEmpty()) {
      return NOT_TRACKED;
    }
    Overflow entry = overflow.remove(command);
    return entry == null ? NOT_TRACKED : entry.startNanos();
  }

  /** Claims every command dispatched before {@code cutoffNanos} and hands it to {@code action}. */
  void claimStartedBefore(long cutoffNanos, Claimed action) {
    for (int i = 0; i < SLOTS; i++) {
      Object command = commands.get(i);
      if (command == null || command == CLAIMED || starts[i] - cutoffNanos >= 0) {
        continue;
      }
      long start = starts[i];
      Object dispatched = holders[i];
      if (commands.compareAndSet(i, command, CLAIMED)) {
        holders[i] = null;
        commands.lazySet(i, null);
        action.accept(command, dispatched, start);
      }
    }
    for (Map.Entry<Object, Overflow> entry : overflow.entrySet()) {
      Overflow value = entry.getValue();
      if (value.startNanos() - cutoffNanos < 0 && overflow.remove(entry.getKey(), value)) {
        action.accept(entry.getKey(), value.dispatched(), value.startNanos());
      }
    }
  }

  int size() {
    int size = overflow.size();
    for (int i = 0; i < SLOTS; i++) {
      Object command = commands.get(i);
      if (command != null && command != CLAIMED) {
        size++;
      }
    }
    return size;
  }

  private boolean startSlotted(CommandSlot command, Object dispatched, long nowNanos) {
    int mark = command.qnwis$slot();
    if (mark > 0 && commands.get(mark - 1) == command
        || mark == OVERFLOWED && overflow.containsKey(command)) {
      return true; // re-dispatched: keeps its first start
    }
    int bucket = ThreadLocalRandom.current().nextInt(SLOTS / BUCKET) * BUCKET;
    for (int i = bucket; i < bucket + BUCKET; i++) {
      if (commands.get(i) == null && commands.compareAndSet(i, null, CLAIMED)) {
        starts[i] = nowNanos;
        holders[i] = dispatched;
        command.qnwis$slot(i + 1);
        commands.lazySet(i, command); // release: whoever reads the command reads its entry
        return true;
      }
    }
    command.qnwis$slot(OVERFLOWED);
    if (startOverflow(command, dispatched, nowNanos)) {
      return true;
    }
    command.qnwis$slot(0);
    return false;
  }

  private long endSlotted(CommandSlot command) {
    int mark = command.qnwis$slot();
    if (mark > 0) {
      int i = mark - 1;
      if (commands.get(i) != command) {
        return NOT_TRACKED; // claimed by the timeout policy
      }
      long start = starts[i];
      if (!commands.compareAndSet(i, command, CLAIMED)) {
        return NOT_TRACKED; // claimed by the timeout policy (or another hook) meanwhile
      }
      command.qnwis$slot(0);
      holders[i] = null;
      commands.lazySet(i, null);
      return start;
    }
    if (mark == OVERFLOWED) {
      Overflow entry = overflow.remove(command);
      if (entry != null) {
        command.qnwis$slot(0);
        return entry.startNanos();
      }
    }
    return NOT_TRACKED;
  }

  private boolean startOverflow(Object command, Object dispatched, long nowNanos) {
    if (overflow.size() >= maxOverflow && !purge(nowNanos - STALE_NANOS)) {
      return false;
    }
    overflow.putIfAbsent(command, new Overflow(nowNanos, dispatched));
    return true;
  }

  /** Drops overflow entries dispatched before {@code cutoffNanos}; true if there is room now. */
  private synchronized boolean purge(long cutoffNanos) {
    overflow.values().removeIf(entry -> entry.startNanos() - cutoffNanos < 0);
    return overflow.size() < maxOverflow;
  }

  private static int bucket(Object command) {
    int hash = System.identityHashCode(command);
    hash ^= hash >>> 16;
    return (hash & (SLOTS / BUCKET - 1)) * BUCKET;
  }
}
