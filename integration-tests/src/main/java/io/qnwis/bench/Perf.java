package io.qnwis.bench;

import io.qnwis.bench.e2e.EndToEnd;
import io.qnwis.bench.jmh.Overhead;
import io.qnwis.bench.report.Chart;
import io.qnwis.bench.report.Figures;
import io.qnwis.bench.report.Report;
import io.qnwis.bench.startup.ExecutorMain;
import io.qnwis.bench.startup.StartupBenchmark;
import io.qnwis.bench.startup.TrivialMain;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The performance report in one run: per-call overhead (JMH), start-up and memory, the end-to-end
 * scenario load, and the scrape cost, each in the three {@link Mode}s; writes {@code
 * performance.md}, {@code performance.json} and {@code performance.png} to the output directory. A
 * section whose code is not there yet (a benchmark class not merged, no sample service) is reported
 * as skipped; a section that fails is reported as failed; neither stops the others.
 *
 * <p>Usage: {@code scripts/perf.sh [--quick] [--only jmh,startup,e2e,scrape] [--out DIR]
 * [--budget-minutes N]} (quick mode defaults to 10: sections not started by then are skipped), or
 * {@code --render DIR/performance.json} to redraw the markdown and chart from an earlier run.
 */
public final class Perf {

  /** The per-call benchmark classes, in report order; the first three come from other issues. */
  static final List<String> PER_CALL =
      List.of("JdbcBenchmark", "LettuceBenchmark", "RedisPipelineBenchmark", "ExecutorBenchmark");

  /**
   * Per class, the benchmarks that quick mode leaves out: each op waits on a Redis round trip or a
   * worker's wake-up (tens of µs, varying by µs), so quick mode's few iterations cannot tell an
   * added ~100 ns from that noise. Their WithoutNetwork and InCaller siblings measure the same
   * paths without it.
   */
  static final Map<String, List<String>> FULL_RUN_ONLY =
      Map.of(
          "LettuceBenchmark", List.of("syncGet", "syncSetEx"),
          "ExecutorBenchmark", List.of("submitAndGet"));

  private final boolean quick;

  /** Sections not started by this time are skipped, so a bounded CI step still gets a report. */
  private long deadlineNanos = Long.MAX_VALUE;

  private final Path work;
  private final List<Mode> modes = new ArrayList<>();

  private Perf(boolean quick, Path work) {
    this.quick = quick;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path out = Path.of("docs");
    List<String> only = List.of("jmh", "startup", "e2e", "scrape");
    Integer budget = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--out" -> out = Path.of(args[++i]);
        case "--budget-minutes" -> budget = Integer.parseInt(args[++i]);
        case "--only" -> only = List.of(args[++i].split(","));
        case "--render" -> {
          // Re-renders an earlier run's JSON: the derived figures (added cost, ratios) again from
          // its raw scores, then the markdown and the chart beside it.
          Path json = Path.of(args[++i]);
          @SuppressWarnings("unchecked")
          Map<String, Object> data = (Map<String, Object>) Json.parse(Files.readString(json));
          for (Object row : Figures.list(Figures.map(data.get("microbenchmarks")).get("results"))) {
            Overhead.addDerived(Figures.map(row));
          }
          Files.writeString(json, Json.write(data));
          write(data, json.toAbsolutePath().getParent());
          return;
        }
        default -> {
          System.err.println(
              "usage: Perf [--quick] [--only jmh,startup,e2e,scrape] [--out DIR]"
                  + " [--budget-minutes N] | --render FILE.json");
          System.exit(2);
        }
      }
    }
    Path work = Path.of(System.getProperty("qnwis.perf.work", "integration-tests/target/perf"));
    Files.createDirectories(work);
    Files.createDirectories(out);
    Perf perf = new Perf(quick, work);
    // Quick mode runs under CI's timeout: stop starting new work after 10 minutes by default.
    if (budget == null && quick) {
      budget = 10;
    }
    if (budget != null) {
      perf.deadlineNanos = System.nanoTime() + budget * 60_000_000_000L;
    }
    Map<String, Object> data = perf.run(only);
    data.put("command", "scripts/perf.sh" + (quick ? " --quick" : ""));
    Files.writeString(out.resolve("performance.json"), Json.write(data));
    write(data, out);
    System.out.println();
    System.out.println(
        Overhead.table(Figures.list(Figures.map(data.get("microbenchmarks")).get("results"))));
    System.out.println(
        "wrote " + out.resolve("performance.md") + ", performance.json, performance.png");
  }

  /** The markdown report and the chart of {@code data}, into {@code out}. */
  private static void write(Map<String, Object> data, Path out) throws Exception {
    Files.writeString(out.resolve("performance.md"), Report.render(data));
    Chart.write(data, out.resolve("performance.png"));
  }

  private Map<String, Object> run(List<String> only) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("generated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    data.put("quick", quick);
    data.put("otel_version", System.getProperty("qnwis.otel.version", "2.31.0"));
    data.put("prometheus_version", System.getProperty("qnwis.prometheus.version", "1.10.0"));
    Map<String, Object> machine = machine();
    data.put("machine", machine);
    for (Mode mode : Mode.values()) {
      String why = mode.unavailable();
      if (why == null) {
        modes.add(mode);
      } else {
        System.out.println("[perf] mode " + mode.id() + " unavailable: " + why);
      }
    }
    data.put("modes", modes.stream().map(Mode::id).toList());
    data.put("agent_config", checkAgentConfig());
    data.put(
        "microbenchmarks", only.contains("jmh") ? section(this::perCall, "perCall") : notRun());
    data.put("startup", only.contains("startup") ? section(this::startup, "startup") : notRun());
    // Scrape (a minute) before the end-to-end load (the longest): a spent budget drops the latter.
    data.put("scrape", only.contains("scrape") ? section(this::scrape, "scrape") : notRun());
    data.put("end_to_end", only.contains("e2e") ? section(this::endToEnd, "endToEnd") : notRun());
    machine.put("load_after", loadAverage());
    data.put("method", Method.notes(quick));
    return data;
  }

  interface Section {
    Map<String, Object> run() throws Exception;
  }

  private Map<String, Object> section(Section section, String name) {
    if (System.nanoTime() > deadlineNanos) {
      return skipped("time budget spent before " + name + " (--budget-minutes)");
    }
    return section(section);
  }

  private static Map<String, Object> section(Section section) {
    try {
      Map<String, Object> result = section.run();
      result.putIfAbsent("status", "ok");
      return result;
    } catch (Exception | Error e) {
      System.out.println("[perf] section failed: " + e);
      Map<String, Object> failed = new LinkedHashMap<>();
      failed.put("status", "failed");
      failed.put("reason", String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
      return failed;
    }
  }

  private static Map<String, Object> notRun() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "not run");
    out.put("reason", "excluded with --only");
    return out;
  }

  private Map<String, Object> perCall() throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Object> skipped = new ArrayList<>();
    List<Object> results = new ArrayList<>();
    for (String name : PER_CALL) {
      if (System.nanoTime() > deadlineNanos) {
        skipped.add("io.qnwis.bench.jmh." + name + ": time budget spent (--budget-minutes)");
        continue;
      }
      if (!present("io.qnwis.bench.jmh." + name)) {
        skipped.add("io.qnwis.bench.jmh." + name + " is not in the build yet (not merged)");
        continue;
      }
      List<String> leftOut = quick ? FULL_RUN_ONLY.getOrDefault(name, List.of()) : List.of();
      for (String benchmark : leftOut) {
        skipped.add(name + "." + benchmark + ": full run only (round-trip noise)");
      }
      System.out.println("[perf] JMH " + name + " in modes " + modes);
      results.addAll(measure(name, leftOut, modes, Overhead.Settings.of(quick)));
    }
    out.put("skipped", skipped);
    out.put("results", results);
    return out;
  }

  private Map<String, Object> scrape() throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    System.out.println("[perf] JMH ScrapeBenchmark");
    out.put(
        "results",
        Overhead.measure(
            "io\\.qnwis\\.bench\\.jmh\\.ScrapeBenchmark\\.",
            Overhead.Settings.of(quick),
            List.of(Mode.NONE),
            work.resolve("jmh-ScrapeBenchmark.log"),
            quick ? Map.of("format", "text") : Map.of()));
    return out;
  }

  private List<Map<String, Object>> measure(
      String name, List<String> leftOut, List<Mode> inModes, Overhead.Settings settings)
      throws Exception {
    return Overhead.measure(
        include(name, leftOut), settings, inModes, work.resolve("jmh-" + name + ".log"));
  }

  /**
   * The JMH include pattern for class {@code name}'s benchmarks but those named in {@code leftOut}.
   * JMH finds the pattern in each benchmark's full name; the lookahead drops exact method names,
   * not their longer siblings (syncGet, not syncGetWithoutNetwork).
   */
  static String include(String name, List<String> leftOut) {
    return "io\\.qnwis\\.bench\\.jmh\\."
        + name
        + "\\."
        + (leftOut.isEmpty() ? "" : "(?!(" + String.join("|", leftOut) + ")$)");
  }

  /**
   * The sample service as measured. Quick mode shrinks its generated data set (the largest table,
   * 120,000 rows by default) so that each of its many starts takes seconds, not tens of seconds.
   */
  private SampleService sampleService() throws Exception {
    SampleService service = SampleService.locate();
    return quick ? service.withEnv(Map.of("QNWIS_DATA_POSTINGS", "10000")) : service;
  }

  private Map<String, Object> startup() throws Exception {
    StartupBenchmark bench = new StartupBenchmark(modes, work);
    Map<String, Object> out = new LinkedHashMap<>();
    System.out.println("[perf] start-up: trivial main");
    out.put("trivial_main", bench.trivialMain(TrivialMain.class, quick ? 5 : 11));
    System.out.println("[perf] start-up: trivial main after one executor task");
    out.put("executor_main", bench.trivialMain(ExecutorMain.class, quick ? 5 : 11));
    SampleService service;
    try {
      service = sampleService();
    } catch (Exception e) {
      out.put("service", skipped(e.getMessage()));
      return out;
    }
    System.out.println("[perf] start-up: sample service " + service.mainClass());
    out.put("service", section(() -> bench.service(service, quick ? 3 : 11, quick ? 200 : 1000)));
    return out;
  }

  private Map<String, Object> endToEnd() throws Exception {
    if (!present(EndToEnd.LOAD_BENCHMARK)) {
      return skipped(EndToEnd.LOAD_BENCHMARK + " is not in the build yet (not merged)");
    }
    SampleService service;
    try {
      service = sampleService();
    } catch (Exception e) {
      return skipped(e.getMessage());
    }
    System.out.println("[perf] end-to-end load against " + service.mainClass());
    // The load cycles through its key combinations by request number, so a warm-up with the same
    // request count caches exactly the keys the measured run reads.
    // With requests answered in a few ms, 2,000 per scenario keep each measured run over a second.
    int requests = quick ? 200 : 2_000;
    return new EndToEnd(modes, work).run(service, quick ? 1 : 5, 8, requests, requests);
  }

  /**
   * Validates the agent config with the agent's own {@code check-config}: an invalid file would
   * make this agent's mode run observation-only and understate its cost.
   */
  private static Map<String, Object> checkAgentConfig() {
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      Path config = Mode.agentConfig();
      out.put("file", config.toString());
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  Mode.agentJar().toString(),
                  "check-config",
                  config.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      out.put("exit", process.exitValue());
      out.put("output", output.strip());
    } catch (Exception e) {
      out.put("exit", -1);
      out.put("output", e.toString());
    }
    System.out.println("[perf] check-config bench/agent.yaml: exit " + out.get("exit"));
    return out;
  }

  private static Map<String, Object> skipped(String reason) {
    System.out.println("[perf] skipped: " + reason);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "skipped");
    out.put("reason", reason);
    return out;
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, Perf.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("memory", String.format("%.0f GiB RAM", totalMemoryGiB()));
    m.put(
        "jvm",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    m.put("load_before", loadAverage());
    m.put("clock_read_ns", clockReadNanos());
    return m;
  }

  /**
   * What one {@code System.nanoTime()} costs on this host now, in ns (median of 5 rounds of
   * 2,000,000 calls, after 2 rounds of warm-up): the agent reads the clock two to four times per
   * intercepted call, and the cost of a read differs between hosts and days (21 ns and 30 ns on
   * this machine, 2026-11-27 and -28).
   */
  static double clockReadNanos() {
    int calls = 2_000_000;
    double[] rounds = new double[5];
    long sink = 0;
    for (int round = -2; round < rounds.length; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        sink += System.nanoTime();
      }
      if (round >= 0) {
        rounds[round] = (System.nanoTime() - start) / (double) calls;
      }
    }
    if (sink == 0) {
      throw new IllegalStateException("the clock did not move");
    }
    Arrays.sort(rounds);
    return Math.round(rounds[rounds.length / 2] * 10) / 10.0;
  }

  private static String loadAverage() {
    return String.format(
        "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static double totalMemoryGiB() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize()
        / (double) (1L << 30);
  }
}
