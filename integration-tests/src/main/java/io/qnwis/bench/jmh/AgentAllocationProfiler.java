package io.qnwis.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * Bytes per operation that an agent's own code allocates, from JFR's allocation samples ({@code
 * jdk.ObjectAllocationSample}, each weighted with the bytes its thread allocated since its last
 * sample) over each measurement iteration. A sample counts as the agent's when, reading its stack
 * from the allocating frame down, a frame of the agent ({@code io.qnwis.agent.}) comes before any
 * of the benchmark's ({@code io.qnwis.bench.}): so what the JDK or a driver allocates for a call
 * the agent makes counts, and what the benchmark's own code allocates under an agent wrapper (a
 * pool worker running a wrapped task) does not.
 *
 * <p>JMH's {@code gc} profiler gives the whole fork's allocation, in which a driver's own variation
 * from fork to fork (tens of bytes per H2 statement, with no agent at all) hides a small allocation
 * or fakes one. This one names what the agent allocates; it runs in a fork of its own, since
 * sampling costs time the timed forks must not pay.
 */
public final class AgentAllocationProfiler implements InternalProfiler {

  /** Secondary result label, in bytes per operation. */
  public static final String LABEL = "agent.alloc.norm";

  static final String AGENT_PACKAGE = "io.qnwis.agent.";

  private static final String BENCHMARK_PACKAGE = "io.qnwis.bench.";

  private Recording recording;

  @Override
  public String getDescription() {
    return "Bytes the agent's code allocates per operation (JFR allocation samples)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    if (iteration.getType() != IterationType.MEASUREMENT) {
      return;
    }
    recording = new Recording();
    // As many samples as JFR takes: a rare allocation of the agent's stands out of more of them.
    recording.enable("jdk.ObjectAllocationSample").with("throttle", "10000/s").withStackTrace();
    recording.start();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    if (recording == null) {
      return List.of();
    }
    long ops = result.getMetadata() == null ? 0 : result.getMetadata().getMeasuredOps();
    try {
      recording.stop();
      Path file = Files.createTempFile("qnwis-alloc", ".jfr");
      try {
        recording.dump(file);
        long bytes = agentBytes(RecordingFile.readAllEvents(file));
        return ops <= 0
            ? List.of()
            : List.of(new ScalarResult(LABEL, (double) bytes / ops, "B/op", AggregationPolicy.AVG));
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      recording.close();
      recording = null;
    }
  }

  /** The weight of the samples whose allocation the agent's code made. */
  static long agentBytes(List<RecordedEvent> events) {
    return weight(events, sample -> madeByAgent(sample.getStackTrace()));
  }

  /**
   * The weight of the allocation samples {@code counted} takes. A thread's first sample in the
   * recording is left out: its weight counts all the thread allocated since its last sample, before
   * the recording (up to hundreds of MB for a thread that has run since the fork began).
   */
  static long weight(List<RecordedEvent> events, Predicate<RecordedEvent> counted) {
    List<RecordedEvent> samples = new ArrayList<>();
    for (RecordedEvent event : events) {
      if (event.getEventType().getName().equals("jdk.ObjectAllocationSample")) {
        samples.add(event);
      }
    }
    samples.sort(Comparator.comparing(RecordedEvent::getStartTime));
    Set<Long> threadsSeen = new HashSet<>();
    long bytes = 0;
    for (RecordedEvent sample : samples) {
      RecordedThread thread = sample.getThread("eventThread");
      boolean first = thread == null || threadsSeen.add(thread.getId());
      if (!first && counted.test(sample)) {
        bytes += sample.getLong("weight");
      }
    }
    return bytes;
  }

  private static boolean madeByAgent(RecordedStackTrace stack) {
    if (stack == null) {
      return false;
    }
    for (RecordedFrame frame : stack.getFrames()) {
      String type = frame.getMethod().getType().getName();
      if (type.startsWith(AGENT_PACKAGE)) {
        return true;
      }
      if (type.startsWith(BENCHMARK_PACKAGE)) {
        return false;
      }
    }
    return false;
  }
}
