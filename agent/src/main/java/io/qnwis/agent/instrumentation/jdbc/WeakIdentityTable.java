package io.qnwis.agent.instrumentation.jdbc;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fixed-size, identity-keyed table whose entries hold their key weakly: what the agent knows
 * about a driver's statement or data source, found again on the hot path without allocating and
 * without keeping the object alive.
 *
 * <p>Open addressing over a power-of-two array with a short probe window. Lookup is a few volatile
 * reads and reference compares. Insertion takes a free slot or one whose key was collected; when
 * the window is full of live entries it evicts the entry at the home slot, so memory is bounded by
 * the capacity whatever the service does. An evicted statement is then simply unknown to the agent
 * (its calls are still counted, as operation {@code other}).
 */
final class WeakIdentityTable<E extends WeakIdentityTable.Entry> {

  /**
   * An entry: the weakly held key plus whatever the table's user keeps about it. No cached hash:
   * one is allocated per prepared statement, and probes compare the referent directly.
   */
  static class Entry extends WeakReference<Object> {
    Entry(Object key) {
      super(key);
    }
  }

  private static final int PROBES = 8;

  private final AtomicReferenceArray<E> slots;
  private final int mask;

  /**
   * @param capacity rounded up to a power of two
   */
  WeakIdentityTable(int capacity) {
    int size = Integer.highestOneBit(Math.max(PROBES, capacity - 1)) << 1;
    this.slots = new AtomicReferenceArray<>(size);
    this.mask = size - 1;
  }

  E get(Object key) {
    int index = home(System.identityHashCode(key));
    for (int probe = 0; probe < PROBES; probe++) {
      E entry = slots.get(index);
      if (entry == null) {
        // Slots never return to null, and put takes the first free one: the key is not further on.
        return null;
      }
      if (entry.get() == key) {
        return entry;
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
    int start = home(System.identityHashCode(key));
    int index = start;
    for (int probe = 0; probe < PROBES; probe++) {
      E existing = slots.get(index);
      if (existing == null || existing.get() == null || existing.get() == key) {
        if (slots.compareAndSet(index, existing, entry)) {
          return entry;
        }
      }
      index = (index + 1) & mask;
    }
    slots.set(start, entry);
    return entry;
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
}
