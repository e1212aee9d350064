package io.qnwis.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.fixture.AgentCodeStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Attribution of JFR's allocation samples to the agent's code, on a real recording. */
class AgentAllocationProfilerTest {

  private static final int CHUNK = 64 * 1024;
  private static final int ROUNDS = 2_000;

  /** Keeps each array reachable until the next, so no allocation is optimised away. */
  private static volatile byte[] sink;

  @Test
  void countsWhatTheAgentsCodeAllocatesAndNotWhatItCallsBackInto() throws Exception {
    List<RecordedEvent> events =
        recorded(
            () -> {
              for (int i = 0; i < ROUNDS; i++) {
                sink = AgentCodeStandIn.allocate(CHUNK); // the agent's
                sink = new byte[CHUNK]; // the benchmark's own
                sink = AgentCodeStandIn.callBack(byte[]::new, CHUNK); // the benchmark's own
              }
            });

    long agent = AgentAllocationProfiler.agentBytes(events);
    long all = totalWeight(events);

    // A third of what was allocated; the samples' weights only estimate it.
    assertThat(all).isGreaterThan(2L * ROUNDS * CHUNK);
    assertThat((double) agent / all).isBetween(0.15, 0.55);
  }

  @Test
  void findsNothingWhenTheAgentsCodeAllocatesNothing() throws Exception {
    List<RecordedEvent> events =
        recorded(
            () -> {
              for (int i = 0; i < ROUNDS; i++) {
                sink = AgentCodeStandIn.callBack(byte[]::new, CHUNK);
              }
            });

    assertThat(totalWeight(events)).isGreaterThan((long) ROUNDS * CHUNK / 2);
    assertThat(AgentAllocationProfiler.agentBytes(events)).isZero();
  }

  private static List<RecordedEvent> recorded(Runnable work) throws Exception {
    Path file = Files.createTempFile("alloc-test", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ObjectAllocationSample").with("throttle", "10000/s").withStackTrace();
      recording.start();
      work.run();
      recording.stop();
      recording.dump(file);
      return RecordingFile.readAllEvents(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** All this thread allocated, as the profiler weighs samples. */
  private static long totalWeight(List<RecordedEvent> events) {
    long thisThread = Thread.currentThread().getId();
    return AgentAllocationProfiler.weight(
        events, sample -> sample.getThread("eventThread").getJavaThreadId() == thisThread);
  }
}
