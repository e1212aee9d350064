package io.qnwis.agent.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeakIdentityTableTest {

  static final class Tagged extends WeakIdentityTable.Entry {
    final String tag;

    Tagged(Object key, String tag) {
      super(key);
      this.tag = tag;
    }
  }

  @Test
  void findsEntriesByIdentityNotEquality() {
    WeakIdentityTable<Tagged> table = new WeakIdentityTable<>(64);
    String a = new String("same");
    String b = new String("same");
    table.put(new Tagged(a, "a"));

    assertThat(table.get(a).tag).isEqualTo("a");
    assertThat(table.get(b)).isNull();
  }

  @Test
  void replacesTheEntryOfTheSameKey() {
    WeakIdentityTable<Tagged> table = new WeakIdentityTable<>(64);
    Object key = new Object();
    table.put(new Tagged(key, "first"));
    table.put(new Tagged(key, "second"));

    assertThat(table.get(key).tag).isEqualTo("second");
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void staysWithinItsCapacityWhateverIsInserted() {
    WeakIdentityTable<Tagged> table = new WeakIdentityTable<>(128);
    List<Object> live = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      Object key = new Object();
      live.add(key);
      table.put(new Tagged(key, "k" + i));
    }

    assertThat(table.capacity()).isEqualTo(128);
    assertThat(table.size()).isLessThanOrEqualTo(128);
    Object newest = live.get(live.size() - 1);
    assertThat(table.get(newest).tag).isEqualTo("k9999");
  }

  @Test
  void doesNotKeepKeysAlive() throws Exception {
    WeakIdentityTable<Tagged> table = new WeakIdentityTable<>(64);
    table.put(new Tagged(new Object(), "garbage"));
    for (int i = 0; i < 50 && table.size() > 0; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(table.size()).isZero();
  }

  @Test
  void forgetsARemovedKeyAndKeepsTheOthers() {
    WeakIdentityTable<Tagged> table = new WeakIdentityTable<>(64);
    Object kept = new Object();
    Object removed = new Object();
    table.put(new Tagged(kept, "kept"));
    table.put(new Tagged(removed, "removed"));

    table.remove(removed);
    table.remove(new Object());

    assertThat(table.get(removed)).isNull();
    assertThat(table.get(kept).tag).isEqualTo("kept");
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void reusesTheSlotsOfRemovedKeysInsteadOfEvictingLiveOnes() {
    WeakIdentityTable<Tagged> table = new WeakIdentityTable<>(16);
    List<Object> longLived = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Object key = new Object();
      longLived.add(key);
      table.put(new Tagged(key, "long-lived " + i));
    }
    // Far more short-lived keys than slots, each removed (closed) after use but still reachable,
    // so only removal frees their slots.
    List<Object> shortLived = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      Object key = new Object();
      shortLived.add(key);
      table.put(new Tagged(key, "short-lived"));
      assertThat(table.get(key)).isNotNull();
      table.remove(key);
    }

    for (int i = 0; i < longLived.size(); i++) {
      assertThat(table.get(longLived.get(i)).tag).isEqualTo("long-lived " + i);
    }
    assertThat(table.size()).isEqualTo(4);
    assertThat(shortLived).hasSize(10_000);
  }
}
