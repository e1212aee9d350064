package io.qnwis.bench.jmh;

import io.qnwis.bench.Json;
import io.qnwis.bench.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.Profiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs JMH benchmarks in each mode (no agent, this agent, the OpenTelemetry agent; see {@link
 * Mode}), the modes taking turns fork by fork per include, so the modes of one benchmark see the
 * same machine load, and prints ns/op, the added ns/op and the ratio of this agent's added cost to
 * OpenTelemetry's. Each fork also reports CPU time per operation ({@link CpuTimeProfiler}) and
 * allocation per operation (JMH's {@code gc} profiler, {@code gc.alloc.rate.norm}); one more fork
 * with this agent samples what its own code allocates ({@link AgentAllocationProfiler}).
 *
 * <p>Usage: {@code scripts/bench.sh [--quick] [--modes none,agent,otel] [--agent-config FILE]
 * [--json FILE] INCLUDE_REGEX...}
 */
public final class Overhead {

  private Overhead() {}

  /**
   * Run settings: iteration counts and times, and forks per mode; {@code sampling} those of the
   * fork that samples the agent's allocation.
   */
  public record Settings(
      int warmups,
      long warmupMillis,
      int iterations,
      long iterationMillis,
      int forks,
      Settings sampling) {
    public static Settings of(boolean quick) {
      // Quick mode: 2.4 s of warm-up is about what the OpenTelemetry agent's forks need to
      // compile their hot paths; it only checks that the sampling runs (one warm-up, one
      // iteration).
      return quick
          ? new Settings(3, 800, 3, 300, 1, new Settings(1, 800, 1, 300, 1, null))
          : new Settings(5, 1000, 10, 1000, 2, new Settings(5, 1000, 3, 1000, 1, null));
    }

    /** As the report's method notes put it: "2 forks per mode, 5 warm-up iterations of 1 s...". */
    public String describe() {
      return String.format(
          Locale.ROOT,
          "%d fork%s per mode, %d warm-up iterations of %s s, %d measured iterations of %s s",
          forks,
          forks == 1 ? "" : "s",
          warmups,
          seconds(warmupMillis),
          iterations,
          seconds(iterationMillis));
    }

    private static String seconds(long millis) {
      return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }
  }

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path json = null;
    List<Mode> modes = List.of(Mode.values());
    List<String> includes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--agent-config" -> System.setProperty("qnwis.bench.agent.config", args[++i]);
        case "--json" -> json = Path.of(args[++i]);
        case "--modes" -> {
          modes = new ArrayList<>();
          for (String id : args[++i].split(",")) {
            modes.add(Mode.byId(id.trim()));
          }
        }
        default -> includes.add(args[i]);
      }
    }
    if (includes.isEmpty()) {
      System.err.println(
          "usage: Overhead [--quick] [--modes none,agent,otel] [--agent-config FILE] [--json FILE]"
              + " INCLUDE_REGEX...");
      System.exit(2);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String include : includes) {
      rows.addAll(measure(include, Settings.of(quick), modes, null));
    }
    System.out.println();
    System.out.print(table(rows));
    if (json != null) {
      Files.writeString(json, Json.write(rows));
    }
  }

  /**
   * Runs the benchmarks matching {@code include} in each available mode and returns one row per
   * benchmark (and parameter set) with a {@code modes} map of figures per mode. The modes take
   * turns fork by fork (none, agent, otel, none, agent, otel...), so a drift in the machine's load
   * during the run falls on every mode alike instead of on whichever ran last. JMH's own output
   * goes to {@code log} with the mode and round appended to its name, or to stdout when {@code log}
   * is null.
   */
  public static List<Map<String, Object>> measure(
      String include, Settings settings, List<Mode> modes, Path log) throws Exception {
    return measure(include, settings, modes, log, Map.of());
  }

  /** As above, with JMH {@code @Param} values overridden by {@code params}. */
  public static List<Map<String, Object>> measure(
      String include, Settings settings, List<Mode> modes, Path log, Map<String, String> params)
      throws Exception {
    List<Mode> available = new ArrayList<>();
    for (Mode mode : modes) {
      String why = mode.unavailable();
      if (why != null) {
        System.out.println("[overhead] skipping mode " + mode.id() + ": " + why);
      } else {
        available.add(mode);
      }
    }
    // Per benchmark, per mode: each fork's results, merged once every round has run.
    Map<String, Map<Mode, List<RunResult>>> forks = new LinkedHashMap<>();
    for (int round = 1; round <= settings.forks(); round++) {
      for (Mode mode : available) {
        String suffix = "." + mode.id() + (settings.forks() > 1 ? "." + round : "");
        Path forkLog = log == null ? null : log.resolveSibling(log.getFileName() + suffix);
        for (RunResult result :
            run(
                include,
                settings,
                mode.jvmArgs(),
                forkLog,
                params,
                CpuTimeProfiler.class,
                GCProfiler.class)) {
          forks
              .computeIfAbsent(name(result), k -> new LinkedHashMap<>())
              .computeIfAbsent(mode, m -> new ArrayList<>())
              .add(result);
        }
      }
    }
    Map<String, Double> agentCodeAlloc =
        available.contains(Mode.AGENT)
            ? agentCodeAllocation(include, settings, log, params)
            : Map.of();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map.Entry<String, Map<Mode, List<RunResult>>> benchmark : forks.entrySet()) {
      Map<String, Object> row = new LinkedHashMap<>();
      Map<String, Object> byMode = new LinkedHashMap<>();
      for (Map.Entry<Mode, List<RunResult>> mode : benchmark.getValue().entrySet()) {
        RunResult merged = merged(mode.getValue());
        row.putIfAbsent("benchmark", benchmark.getKey());
        row.putIfAbsent("unit", merged.getPrimaryResult().getScoreUnit());
        Map<String, Object> figures = figures(merged);
        Double agentCode = agentCodeAlloc.get(benchmark.getKey());
        if (mode.getKey() == Mode.AGENT && agentCode != null) {
          figures.put("agent_code_alloc_bytes_per_op", agentCode);
        }
        byMode.put(mode.getKey().id(), figures);
      }
      row.put("modes", byMode);
      addDerived(row);
      rows.add(row);
    }
    return rows;
  }

  /** One result over the forks of separate runs, as if JMH had run them as one. */
  private static RunResult merged(List<RunResult> forks) {
    if (forks.size() == 1) {
      return forks.get(0);
    }
    List<BenchmarkResult> all = new ArrayList<>();
    for (RunResult fork : forks) {
      all.addAll(fork.getBenchmarkResults());
    }
    return new RunResult(forks.get(0).getParams(), all);
  }

  /**
   * Per benchmark, the bytes per operation this agent's own code allocates ({@link
   * AgentAllocationProfiler}), from one more fork with the agent: JFR's sampling would cost the
   * timed forks time. Three measured iterations give a steady figure.
   */
  private static Map<String, Double> agentCodeAllocation(
      String include, Settings settings, Path log, Map<String, String> params) throws Exception {
    List<String> jvmArgs = new ArrayList<>(Mode.AGENT.jvmArgs());
    // Deep driver stacks: the frame that tells whose allocation it was must be in the sample.
    jvmArgs.add("-XX:FlightRecorderOptions:stackdepth=256");
    Path forkLog = log == null ? null : log.resolveSibling(log.getFileName() + ".agent.alloc");
    Map<String, Double> bytes = new LinkedHashMap<>();
    for (RunResult result :
        run(
            include,
            settings.sampling(),
            jvmArgs,
            forkLog,
            params,
            AgentAllocationProfiler.class)) {
      for (Map.Entry<String, Result> e : result.getSecondaryResults().entrySet()) {
        if (e.getKey().endsWith(AgentAllocationProfiler.LABEL)) {
          bytes.put(name(result), e.getValue().getScore());
        }
      }
    }
    return bytes;
  }

  @SafeVarargs
  static Collection<RunResult> run(
      String include,
      Settings settings,
      List<String> jvmArgs,
      Path log,
      Map<String, String> params,
      Class<? extends Profiler>... profilers)
      throws Exception {
    List<String> all = new ArrayList<>(List.of("-Xms512m", "-Xmx512m"));
    all.addAll(jvmArgs);
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(include)
            .forks(1) // one per round: measure() alternates the modes fork by fork
            .warmupIterations(settings.warmups())
            .warmupTime(TimeValue.milliseconds(settings.warmupMillis()))
            .measurementIterations(settings.iterations())
            .measurementTime(TimeValue.milliseconds(settings.iterationMillis()))
            .jvmArgsAppend(all.toArray(new String[0]));
    for (Class<? extends Profiler> profiler : profilers) {
      options.addProfiler(profiler);
    }
    if (log != null) {
      options.output(log.toString());
    }
    params.forEach(options::param);
    return new Runner(options.build()).run();
  }

  private static String name(RunResult result) {
    String name =
        result.getParams().getBenchmark().replaceFirst("^io\\.qnwis\\.bench\\.jmh\\.", "");
    StringBuilder params = new StringBuilder();
    for (String key : result.getParams().getParamsKeys()) {
      params.append(params.length() == 0 ? "" : ",").append(key).append('=');
      params.append(result.getParams().getParam(key));
    }
    return params.length() == 0 ? name : name + " (" + params + ")";
  }

  private static Map<String, Object> figures(RunResult result) {
    Map<String, Object> f = new LinkedHashMap<>();
    Result<?> primary = result.getPrimaryResult();
    f.put("score", primary.getScore());
    f.put("error", finite(primary.getScoreError()));
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int n = 0;
    for (BenchmarkResult fork : result.getBenchmarkResults()) {
      for (IterationResult iteration : fork.getIterationResults()) {
        double score = iteration.getPrimaryResult().getScore();
        min = Math.min(min, score);
        max = Math.max(max, score);
        n++;
      }
    }
    f.put("min", min);
    f.put("max", max);
    f.put("iterations", n);
    for (Map.Entry<String, Result> e : result.getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith(CpuTimeProfiler.LABEL)) {
        f.put("cpu_ns_per_op", e.getValue().getScore());
        f.put("cpu_error", finite(e.getValue().getScoreError()));
      } else if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        f.put("alloc_bytes_per_op", e.getValue().getScore());
      }
    }
    return f;
  }

  /**
   * Added ns/op over no agent for each agent, and this agent's added cost over OTel's: only when
   * OTel's added cost is out of its own spread, since a ratio to noise says nothing.
   */
  @SuppressWarnings("unchecked")
  public static void addDerived(Map<String, Object> row) {
    Map<String, Object> byMode = (Map<String, Object>) row.get("modes");
    Map<String, Object> none = (Map<String, Object>) byMode.get(Mode.NONE.id());
    if (none == null) {
      return;
    }
    for (Mode mode : List.of(Mode.AGENT, Mode.OTEL)) {
      Map<String, Object> m = (Map<String, Object>) byMode.get(mode.id());
      if (m == null) {
        continue;
      }
      m.put("added", num(m, "score") - num(none, "score"));
      // Independent runs: the half-widths add in quadrature.
      m.put("added_error", Math.hypot(num(m, "error"), num(none, "error")));
      if (m.containsKey("cpu_ns_per_op") && none.containsKey("cpu_ns_per_op")) {
        m.put("added_cpu", num(m, "cpu_ns_per_op") - num(none, "cpu_ns_per_op"));
      }
    }
    Map<String, Object> agent = (Map<String, Object>) byMode.get(Mode.AGENT.id());
    Map<String, Object> otel = (Map<String, Object>) byMode.get(Mode.OTEL.id());
    row.remove("ratio_to_otel");
    if (agent != null && otel != null && num(otel, "added") > num(otel, "added_error")) {
      row.put("ratio_to_otel", num(agent, "added") / num(otel, "added"));
    }
  }

  /** A plain-text table of the rows, as printed after a run. */
  @SuppressWarnings("unchecked")
  public static String table(List<?> rows) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%-44s %16s %16s %16s %10s %10s %8s%n",
            "benchmark (ns/op ± 99.9% CI)",
            "no agent",
            "this agent",
            "OpenTelemetry",
            "added",
            "OTel adds",
            "ratio"));
    for (Object item : rows) {
      Map<String, Object> row = (Map<String, Object>) item;
      Map<String, Object> byMode = (Map<String, Object>) row.get("modes");
      out.append(String.format("%-44s", row.get("benchmark")));
      for (Mode mode : Mode.values()) {
        Map<String, Object> m = (Map<String, Object>) byMode.get(mode.id());
        out.append(
            m == null
                ? String.format(" %16s", "-")
                : String.format(" %9.1f ±%5.1f", num(m, "score"), num(m, "error")));
      }
      out.append(String.format(" %10s", added(byMode.get(Mode.AGENT.id()))));
      out.append(String.format(" %10s", added(byMode.get(Mode.OTEL.id()))));
      Object ratio = row.get("ratio_to_otel");
      out.append(String.format(" %8s%n", ratio == null ? "-" : String.format("%.2f", ratio)));
    }
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static String added(Object mode) {
    if (mode == null || !((Map<String, Object>) mode).containsKey("added")) {
      return "-";
    }
    return String.format("%.1f", num((Map<String, Object>) mode, "added"));
  }

  static double num(Map<String, Object> map, String key) {
    Object v = map.get(key);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : Double.NaN;
  }
}
