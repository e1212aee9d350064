package io.qnwis.agent.bootstrap.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JdbcBridgeTest {

  @Test
  void eachThreadKeepsItsOwnCallsEvenWhenItsSlotIsTaken() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<JdbcBridge.Calls> holderCalls = new AtomicReference<>();
    CountDownLatch registered = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              holderCalls.set(JdbcBridge.calls());
              registered.countDown();
              await(release);
            });
    holder.start();
    registered.await();
    try {
      // A live thread whose id falls on the holder's slot.
      for (int i = 0; i < 4096; i++) {
        AtomicReference<JdbcBridge.Calls> first = new AtomicReference<>();
        AtomicReference<JdbcBridge.Calls> second = new AtomicReference<>();
        Thread other =
            new Thread(
                () -> {
                  first.set(JdbcBridge.calls());
                  second.set(JdbcBridge.calls());
                });
        other.start();
        other.join();
        assertThat(second.get()).isSameAs(first.get()).isNotSameAs(holderCalls.get());
        assertThat(first.get().threadId).isEqualTo(other.getId());
        if ((other.getId() - holder.getId()) % 1024 == 0) {
          return;
        }
      }
      throw new AssertionError("no thread id fell on the holder's slot");
    } finally {
      release.countDown();
      holder.join();
    }
  }

  @Test
  void aThreadFindsItsCallsAgain() {
    JdbcBridge.Calls calls = JdbcBridge.calls();

    assertThat(JdbcBridge.calls()).isSameAs(calls);
    assertThat(calls.threadId).isEqualTo(Thread.currentThread().getId());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
