package io.qnwis.agent.instrumentation.jdbc;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fixed-size, identity-keyed table whose entries hold their key weakly: what the agent knows
 * about a data source, a connection, or a statement whose class has no fields of the agent's (see
 * {@code StatementFields}), found again on the hot path without allocating and without keeping the
 * object alive.
 *
 * <p>Open addressing over a power-of-two array with a short probe window. Beside each slot a mark
 * holds its key's identity hash, so a probe reads one int array and dereferences an entry only when
 * the hashes agree: with thousands of entries scattered over the heap, dereferencing every probed
 * entry cost a cache miss each (once most of the agent's cost per prepared statement). Entries are
 * removed when their key is closed ({@link #remove}); insertion takes a never-used or removed slot,
 * else one whose key was collected; when the window is full of live entries it evicts the entry at
 * the home slot, so memory is bounded by the capacity whatever the service does. An evicted
 * statement is then simply unknown to the agent (its calls are still counted, as operation {@code
 * other}).
 */
final class WeakIdentityTable<E extends WeakIdentityTable.Entry> {

  /**
   * An entry: the weakly held key plus whatever the table's user keeps about it. No cached hash:
   * one is allocated per statement tracked here, and the table keeps the hashes beside the slots.
   */
  static class Entry extends WeakReference<Object> {
    Entry(Object key) {
      super(key);
    }
  }

  private static final int PROBES = 8;

  /** Mark of a slot never used: a probe stops there (slots are never unused again). */
  private static final int NEVER_USED = 0;

  /** Mark of a slot whose entry was removed: a probe goes on past it, insertion takes it. */
  private static final int REMOVED = 1;

  private final AtomicReferenceArray<E> slots;

  /**
   * The identity hash of each slot's key with the top bit set (never {@link #NEVER_USED} or {@link
   * #REMOVED}). Plain ints: a reader that sees a stale mark merely misses an entry being put or
   * removed by another thread at that moment; a statement handed to another thread is published by
   * the service, which orders the mark written at prepare before that thread's lookups.
   */
  private final int[] marks;

  private final int mask;

  /**
   * @param capacity rounded up to a power of two
   */
  WeakIdentityTable(int capacity) {
    int size = Integer.highestOneBit(Math.max(PROBES, capacity - 1)) << 1;
    this.slots = new AtomicReferenceArray<>(size);
    this.marks = new int[size];
    this.mask = size - 1;
  }

  E get(Object key) {
    int hash = System.identityHashCode(key);
    int mark = mark(hash);
    int index = home(hash);
    for (int probe = 0; probe < PROBES; probe++) {
      int m = marks[index];
      if (m == mark) {
        E entry = slots.get(index);
        if (entry != null && entry.get() == key) {
          return entry;
        }
      } else if (m == NEVER_USED) {
        return null; // insertion takes the first free slot: the key is not further on
      }
      index = (index + 1) & mask;
    }
    return null;
  }

  /** Stores {@code entry}, replacing any entry for the same key; returns {@code entry}. */
  E put(E entry) {
    Object key = entry.get();
    if (key == null) {
      return entry;
    }
    int hash = System.identityHashCode(key);
    int mark = mark(hash);
    int start = home(hash);
    int free = -1;
    int index = start;
    for (int probe = 0; probe < PROBES; probe++) {
      int m = marks[index];
      if (m == mark) {
        E existing = slots.get(index);
        if (existing != null
            && existing.get() == key
            && slots.compareAndSet(index, existing, entry)) {
          return entry;
        }
      } else if (m == NEVER_USED || m == REMOVED) {
        if (free < 0) {
          free = index;
        }
        if (m == NEVER_USED) {
          break; // the key is not further on
        }
      }
      index = (index + 1) & mask;
    }
    if (free >= 0 && slots.compareAndSet(free, null, entry)) {
      marks[free] = mark;
      return entry;
    }
    // No free slot: take one whose key was collected (dereferences each entry), else evict.
    index = start;
    for (int probe = 0; probe < PROBES; probe++) {
      E existing = slots.get(index);
      if ((existing == null || existing.get() == null)
          && slots.compareAndSet(index, existing, entry)) {
        marks[index] = mark;
        return entry;
      }
      index = (index + 1) & mask;
    }
    slots.set(start, entry);
    marks[start] = mark;
    return entry;
  }

  /** Forgets {@code key}'s entry, if any (its key was closed: nothing will ask for it again). */
  void remove(Object key) {
    int hash = System.identityHashCode(key);
    int mark = mark(hash);
    int index = home(hash);
    for (int probe = 0; probe < PROBES; probe++) {
      int m = marks[index];
      if (m == mark) {
        E entry = slots.get(index);
        if (entry != null && entry.get() == key) {
          // The mark first: a put takes the slot only once it is empty, and writes its own mark.
          marks[index] = REMOVED;
          slots.compareAndSet(index, entry, null);
          return;
        }
      } else if (m == NEVER_USED) {
        return;
      }
      index = (index + 1) & mask;
    }
  }

  /** Live entries (for tests and diagnostics; walks the whole table). */
  int size() {
    int live = 0;
    for (int i = 0; i < slots.length(); i++) {
      E entry = slots.get(i);
      if (entry != null && entry.get() != null) {
        live++;
      }
    }
    return live;
  }

  int capacity() {
    return slots.length();
  }

  private int home(int hash) {
    return (hash ^ (hash >>> 16)) & mask;
  }

  private static int mark(int hash) {
    return hash | Integer.MIN_VALUE;
  }
}
