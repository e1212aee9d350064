package io.qnwis.bench;

import io.qnwis.bench.jmh.Overhead;
import java.util.List;

/** How each figure in the report was obtained, written into it beside the tables. */
final class Method {

  private Method() {}

  static List<Object> notes(boolean quick) {
    String jmh = (quick ? "quick mode: " : "") + Overhead.Settings.of(quick).describe();
    return List.of(
        "Per-call overhead: JMH 1.37, average time mode, one benchmark class at a time in each"
            + " of the three configurations, which take turns fork by fork (none, agent, OTel,"
            + " none, agent, OTel), so a change in the machine's load falls on all three ("
            + jmh
            + "), each fork with -Xms512m -Xmx512m"
            + " and the configuration's -javaagent options. Spread: JMH's 99.9% confidence"
            + " half-width and the min–max of iteration scores. Added ns/op = mode − no agent.",
        "Benchmarks: JdbcBenchmark (prepared-statement SELECT on H2 through HikariCP; the"
            + " WithoutDatabase ones through HikariCP to an in-process driver that answers at"
            + " once),"
            + " LettuceBenchmark (sync GET and SET EX on the local Redis), ExecutorBenchmark"
            + " (submit + get on a two-thread ThreadPoolExecutor) come from the instrumentation"
            + " issues; ExecutorBenchmark's InCaller ones run the task in the submitting thread"
            + " (no hand-off noise), and InSpan with an OpenTelemetry API span current, as in a"
            + " traced service's request handler (a no-op without the OpenTelemetry agent; with"
            + " it, its executor instrumentation carries the span's context to the task);"
            + " submitBatchAndGet hands 64 tasks to the two workers and awaits them all, where"
            + " the pool's parking and waking multiply what a worker spends per task (a bare spin"
            + " of about 110 ns per task in the workers, in place of the agent's work there, added"
            + " about 250 ns per task and 400 ns of CPU), so its added figure is several times"
            + " the agent's own cost per task, which the InCaller ones measure;"
            + " RedisPipelineBenchmark issues 100 async commands with auto-flush off,"
            + " flushes once and awaits all, so client CPU dominates rather than the round trip"
            + " (keys in the sample config's regions, so this agent's cache policies run). The"
            + " WithoutNetwork benchmarks run the same commands through Lettuce's own endpoint,"
            + " encoder and command handler (where Lettuce's tracing hook, which OpenTelemetry"
            + " uses, starts a span) over Netty's in-memory EmbeddedChannel, answered with RESP"
            + " replies on each flush: no server or event loop shares the cores, so what an agent"
            + " adds per command stands out of the noise.",
        "CPU time per operation: a JMH internal profiler (CpuTimeProfiler) reads the forked"
            + " JVM's process CPU time (OperatingSystemMXBean.getProcessCpuTime: all threads,"
            + " including Lettuce's event loop, pool workers, agent threads, GC and JIT) before"
            + " and after each measured iteration and divides by the operations JMH counted.",
        "Allocation per operation: JMH's gc profiler (gc.alloc.rate.norm, bytes/op, all"
            + " threads). A driver's own allocation varies from fork to fork by tens of bytes per"
            + " operation with no agent at all (H2's statements, Lettuce's GET), which hides or"
            + " fakes a small added allocation; so one more fork with this agent (AgentAllocation"
            + "Profiler) samples allocations with JFR (jdk.ObjectAllocationSample, each weighted"
            + " by the bytes its thread allocated since its last sample, stacks 256 deep) over"
            + " three measured iterations after the usual warm-up (one of each in quick mode)"
            + " and sums the samples made by the agent's code: the"
            + " first frame, from the allocating one down, that belongs to either the agent or"
            + " the benchmark is the agent's. What the JDK or a driver allocates for a call the"
            + " agent makes counts; a thread's first sample, whose weight reaches back before the"
            + " recording, does not. The allocation target is judged on this figure.",
        "Start-up: wall time from just before the harness launches `java` (System"
            + ".currentTimeMillis) to the epoch time the trivial main prints as its last act;"
            + " the sample service's figure is launch to the first 200 from /healthz, polled every"
            + " 10 ms. Modes interleaved run by run. RSS is VmRSS from /proc/PID/status (the"
            + " trivial main reads its own at its end; the service's is read after the fixed load)."
            + " One start per mode and benchmark is discarded first, as on a restart: disk caches"
            + " are warm, and this agent's class cache (docs/operations.md) holds the classes it"
            + " wove, so weaving is off the measured starts. A first start after installing or"
            + " upgrading the agent weaves them: on 2026-11-27 (same-run A/B, median of 9) about"
            + " +90 ms for ExecutorMain and +230 ms for the sample service over these figures."
            + " Part of every agent's figure is what the JVM itself charges for -javaagent"
            + " before premain runs (its class-file hooks armed, the service's class path"
            + " searched for the Premain-Class, opening every jar on it): on 2026-11-28 an agent"
            + " whose premain does nothing added 47 ms to ExecutorMain on the benchmarks' 35-jar"
            + " class path and 28 ms with only their classes on it (same-run, median of 21 and"
            + " 15).",
        "End-to-end: io.qnwis.bench.load.LoadBenchmark in its own JVM (no agent) against a fresh"
            + " sample service per round and mode, modes interleaved; its --output JSON is kept"
            + " whole in performance.json under end_to_end.raw. Every mode starts the service"
            + " with -Dsun.net.httpserver.nodelay=true: the service also sets it in main, but the"
            + " JDK reads it once, as the JVM's first HTTP server starts, and the OpenTelemetry"
            + " agent's Prometheus exporter starts one before main. Set in main only, each request"
            + " under OpenTelemetry waited for the client's delayed ACK (p50 44 ms against 3-7 ms,"
            + " 2026-11-28): an effect on services that tune that server in code, not the cost of"
            + " instrumentation this section compares.",
        "Scrape cost: ScrapeBenchmark in process without an agent: PrometheusRegistry.scrape()"
            + " plus the Prometheus text or OpenMetrics writer into a reused buffer, 10,000 series"
            + " (a counter with 10,000 label values, or a classic histogram with the agent's 18"
            + " buckets and 477 label values = 10,017 series); HTTP and gzip not included."
            + (quick ? " Quick mode measures the Prometheus text format only." : ""),
        "Machine: 2 cores shared with other builds. Figures from one run move by tens of percent"
            + " between runs; ratios between modes measured in turn are steadier.");
  }
}
