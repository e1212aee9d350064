package io.qnwis.agent.instrumentation.lettuce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightCommandsTest {

  private final InFlightCommands inFlight = new InFlightCommands(1_000);

  @Test
  void endsACommandOnceWithItsDispatchTime() {
    Object command = new Object();

    assertThat(inFlight.start(command, "holder", 42)).isTrue();

    assertThat(inFlight.end(command)).isEqualTo(42);
    assertThat(inFlight.end(command)).isEqualTo(InFlightCommands.NOT_TRACKED);
    assertThat(inFlight.size()).isZero();
  }

  @Test
  void keepsTheFirstDispatchOfACommandDispatchedAgain() {
    Object command = new Object();
    inFlight.start(command, "first", 1);
    inFlight.start(command, "second", 2);

    assertThat(inFlight.size()).isEqualTo(1);
    assertThat(inFlight.end(command)).isEqualTo(1);
  }

  @Test
  void tracksMoreCommandsThanSlotsInTheOverflowUpToItsBound() {
    List<Object> commands = new ArrayList<>();
    int tracked = 0;
    for (int i = 0; i < InFlightCommands.SLOTS + 2_000; i++) {
      Object command = new Object();
      commands.add(command);
      if (inFlight.start(command, null, i)) {
        tracked++;
      }
    }

    assertThat(tracked).isLessThan(commands.size()).isGreaterThanOrEqualTo(InFlightCommands.SLOTS);
    assertThat(inFlight.size()).isEqualTo(tracked);
    int ended = 0;
    for (Object command : commands) {
      if (inFlight.end(command) != InFlightCommands.NOT_TRACKED) {
        ended++;
      }
    }
    assertThat(ended).isEqualTo(tracked);
    assertThat(inFlight.size()).isZero();
  }

  @Test
  void dropsOverflowEntriesOlderThanAMinuteToMakeRoom() {
    for (int i = 0; i < InFlightCommands.SLOTS + 1_000; i++) {
      inFlight.start(new Object(), null, 0);
    }
    long twoMinutesLater = 120_000_000_000L;

    assertThat(inFlight.start(new Object(), null, twoMinutesLater)).isTrue();
  }

  @Test
  void timesOutOnlyCommandsStartedBeforeTheCutoffAndOnlyOnce() {
    Object old = new Object();
    Object recent = new Object();
    inFlight.start(old, "old holder", 10);
    inFlight.start(recent, "recent holder", 100);
    List<Object> claimed = new ArrayList<>();

    inFlight.claimStartedBefore(50, (command, dispatched, start) -> claimed.add(dispatched));
    inFlight.claimStartedBefore(50, (command, dispatched, start) -> claimed.add(dispatched));

    assertThat(claimed).containsExactly("old holder");
    assertThat(inFlight.end(old)).isEqualTo(InFlightCommands.NOT_TRACKED);
    assertThat(inFlight.end(recent)).isEqualTo(100);
  }

  @Test
  void aCommandEndsExactlyOnceWhenCompletionAndTimeoutRace() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      Object[] commands = new Object[InFlightCommands.SLOTS];
      int tracked = 0;
      for (int i = 0; i < commands.length; i++) {
        commands[i] = new Object();
        tracked += inFlight.start(commands[i], null, 0) ? 1 : 0;
      }
      AtomicInteger ends = new AtomicInteger();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        done.add(
            threads.submit(
                () -> {
                  for (Object command : commands) {
                    if (inFlight.end(command) != InFlightCommands.NOT_TRACKED) {
                      ends.incrementAndGet();
                    }
                  }
                }));
      }
      done.add(
          threads.submit(
              () -> inFlight.claimStartedBefore(1, (command, d, s) -> ends.incrementAndGet())));
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }

      assertThat(ends.get()).isEqualTo(tracked);
      assertThat(inFlight.size()).isZero();
    } finally {
      threads.shutdownNow();
    }
  }
}
