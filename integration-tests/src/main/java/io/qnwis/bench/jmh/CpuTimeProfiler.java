package io.qnwis.bench.jmh;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the whole benchmark JVM per operation: process CPU time (all threads: the benchmark
 * thread, client I/O threads such as Lettuce's event loop, pool workers, the agents' own threads,
 * GC and JIT) over each measurement iteration, divided by the operations JMH counted in it. Unlike
 * wall time it does not hide work done on other threads or count time spent waiting for a server,
 * so a Redis round trip's network wait drops out and the client-side cost an agent adds shows.
 */
public final class CpuTimeProfiler implements InternalProfiler {

  /** Secondary result label, in ns of CPU per operation. */
  public static final String LABEL = "cpu.time.norm";

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuBefore;

  @Override
  public String getDescription() {
    return "Process CPU time per operation (all threads), ns/op";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    cpuBefore = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long cpu = os.getProcessCpuTime() - cpuBefore;
    long ops = result.getMetadata() == null ? 0 : result.getMetadata().getMeasuredOps();
    if (ops <= 0 || cpu < 0) {
      return List.of();
    }
    return List.of(new ScalarResult(LABEL, (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
  }
}
