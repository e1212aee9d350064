package io.qnwis.agent.instrumentation.lettuce;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.bootstrap.lettuce.CommandSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class InFlightCommandsTest {

  private final InFlightCommands inFlight = new InFlightCommands(1_000);

  /** A command whose class gained the agent's slot field as it loaded. */
  static final class Slotted implements CommandSlot {
    private int slot;

    @Override
    public int qnwis$slot() {
      return slot;
    }

    @Override
    public void qnwis$slot(int value) {
      slot = value;
    }
  }

  @Test
  void keepsASlottedCommandsSlotInItsFieldWhileTrackedAndClearsItOnEnd() {
    Slotted command = new Slotted();

    assertThat(inFlight.start(command, "holder", 42)).isTrue();
    assertThat(command.qnwis$slot()).isBetween(1, InFlightCommands.SLOTS);
    assertThat(inFlight.size()).isEqualTo(1);

    assertThat(inFlight.end(command)).isEqualTo(42);
    assertThat(command.qnwis$slot()).isZero();
    assertThat(inFlight.end(command)).isEqualTo(InFlightCommands.NOT_TRACKED);
    assertThat(inFlight.size()).isZero();
  }

  @Test
  void keepsTheFirstDispatchOfASlottedCommandDispatchedAgain() {
    Slotted command = new Slotted();
    inFlight.start(command, "first", 1);
    int slot = command.qnwis$slot();
    inFlight.start(command, "second", 2);

    assertThat(command.qnwis$slot()).isEqualTo(slot);
    assertThat(inFlight.size()).isEqualTo(1);
    assertThat(inFlight.end(command)).isEqualTo(1);
  }

  @Test
  void aSlottedCommandTimedOutIsNotEndedAgainEvenIfItsSlotIsReused() {
    InFlightCommands inFlight = new InFlightCommands(InFlightCommands.MAX);
    Slotted old = new Slotted();
    inFlight.start(old, "old holder", 10);
    List<Object> claimed = new ArrayList<>();

    inFlight.claimStartedBefore(50, (command, dispatched, start) -> claimed.add(command));
    // Others fill the table meanwhile, the old command's slot among them.
    List<Slotted> others = new ArrayList<>();
    for (int i = 0; i < 2 * InFlightCommands.SLOTS; i++) {
      Slotted other = new Slotted();
      others.add(other);
      assertThat(inFlight.start(other, null, 100)).isTrue();
    }

    assertThat(claimed).containsExactly(old);
    assertThat(inFlight.end(old)).isEqualTo(InFlightCommands.NOT_TRACKED);
    for (Slotted other : others) {
      assertThat(inFlight.end(other)).isEqualTo(100);
    }
    assertThat(inFlight.size()).isZero();
  }

  @Test
  void tracksMoreSlottedCommandsThanSlotsInTheOverflowUpToItsBound() {
    List<Slotted> commands = new ArrayList<>();
    int tracked = 0;
    int overflowed = 0;
    for (int i = 0; i < InFlightCommands.SLOTS + 2_000; i++) {
      Slotted command = new Slotted();
      commands.add(command);
      if (inFlight.start(command, null, i)) {
        tracked++;
        overflowed += command.qnwis$slot() == InFlightCommands.OVERFLOWED ? 1 : 0;
      } else {
        assertThat(command.qnwis$slot()).isZero();
      }
    }

    assertThat(tracked).isLessThan(commands.size()).isGreaterThanOrEqualTo(InFlightCommands.SLOTS);
    assertThat(overflowed).isEqualTo(1_000);
    assertThat(inFlight.size()).isEqualTo(tracked);
    int ended = 0;
    for (Slotted command : commands) {
      if (inFlight.end(command) != InFlightCommands.NOT_TRACKED) {
        ended++;
      }
      assertThat(command.qnwis$slot()).isZero();
    }
    assertThat(ended).isEqualTo(tracked);
    assertThat(inFlight.size()).isZero();
  }

  @Test
  void aSlottedCommandEndsExactlyOnceWhenCompletionAndTimeoutRace() throws Exception {
    endsExactlyOnceWhenCompletionAndTimeoutRace(Slotted::new);
  }

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
    endsExactlyOnceWhenCompletionAndTimeoutRace(Object::new);
  }

  /** Two completing threads and the timeout check end every tracked command exactly once. */
  private void endsExactlyOnceWhenCompletionAndTimeoutRace(Supplier<Object> newCommand)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      Object[] commands = new Object[InFlightCommands.SLOTS];
      int tracked = 0;
      for (int i = 0; i < commands.length; i++) {
        commands[i] = newCommand.get();
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
