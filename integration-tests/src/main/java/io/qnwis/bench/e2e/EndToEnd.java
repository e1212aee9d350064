package io.qnwis.bench.e2e;

import io.qnwis.bench.Json;
import io.qnwis.bench.JvmProcess;
import io.qnwis.bench.Mode;
import io.qnwis.bench.SampleService;
import io.qnwis.bench.Stats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scenario load benchmark ({@code io.qnwis.bench.load.LoadBenchmark}) against the sample
 * service at a fixed concurrency, one fresh service per round and mode, the modes interleaved round
 * by round. The load benchmark runs in its own JVM (never with an agent) and writes its JSON with
 * {@code --output}; this class keeps that JSON raw and pulls out, per scenario, the throughput and
 * p50/p95/p99 (the median over rounds).
 */
public final class EndToEnd {

  public static final String LOAD_BENCHMARK = "io.qnwis.bench.load.LoadBenchmark";
  static final List<String> FIGURES = List.of("throughput", "p50", "p95", "p99");

  private final List<Mode> modes;
  private final Path work;

  public EndToEnd(List<Mode> modes, Path work) {
    this.modes = modes;
    this.work = work;
  }

  public Map<String, Object> run(
      SampleService service, int rounds, int users, int requests, int warmupRequests)
      throws Exception {
    Map<String, Object> raw = new LinkedHashMap<>();
    // mode -> scenario -> figure -> values over rounds
    Map<String, Map<String, Map<String, List<Double>>>> values = new LinkedHashMap<>();
    Map<String, String> figureKeys = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (Mode mode : Mode.rotated(modes, round)) {
        String run = mode.id() + "-" + round;
        Path output = work.resolve("load-" + run + ".json");
        try (SampleService.Running running =
            service.start(
                mode, work.resolve("e2e-service-" + run + ".log"), Duration.ofMinutes(3))) {
          // Warm-up, discarded: the same load once, so every mode is measured with the JIT and
          // the Redis cache warm for the keys the load uses, not only those after the first.
          load(running, users, warmupRequests, work.resolve("load-warmup-" + run + ".json"));
          load(running, users, requests, output);
        }
        Object json = Json.parse(Files.readString(output));
        raw.computeIfAbsent(mode.id(), k -> new ArrayList<>());
        ((List<Object>) raw.get(mode.id())).add(json);
        Map<String, Map<String, Double>> scenarios = new LinkedHashMap<>();
        collect(json, null, scenarios, figureKeys);
        scenarios.forEach(
            (scenario, figures) ->
                figures.forEach(
                    (figure, v) ->
                        values
                            .computeIfAbsent(mode.id(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(scenario, k -> new LinkedHashMap<>())
                            .computeIfAbsent(figure, k -> new ArrayList<>())
                            .add(v)));
      }
      System.out.printf("[e2e] round %d/%d done%n", round + 1, rounds);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rounds", rounds);
    out.put("users", users);
    out.put("requests", requests);
    out.put("warmup_requests_per_scenario", warmupRequests);
    out.put("env", service.env());
    out.put("figure_keys", figureKeys);
    Map<String, Object> summary = new LinkedHashMap<>();
    values.forEach(
        (mode, scenarios) -> {
          Map<String, Object> s = new LinkedHashMap<>();
          scenarios.forEach(
              (scenario, figures) -> {
                Map<String, Object> f = new LinkedHashMap<>();
                figures.forEach((figure, v) -> f.put(figure, Stats.summary(v)));
                s.put(scenario, f);
              });
          summary.put(mode, s);
        });
    out.put("modes", summary);
    out.put("raw", raw);
    return out;
  }

  /** Runs the load benchmark in its own JVM (no agent) until it has written {@code output}. */
  private void load(SampleService.Running running, int users, int requests, Path output)
      throws Exception {
    Files.deleteIfExists(output);
    List<String> args =
        List.of(
            "--base-url",
            running.baseUrl(),
            "--all",
            "--users",
            Integer.toString(users),
            "--requests",
            Integer.toString(requests),
            "--output",
            output.toString());
    String name = output.getFileName().toString().replace(".json", ".log");
    JvmProcess load =
        JvmProcess.start(
            Mode.NONE,
            List.of(),
            System.getProperty("java.class.path"),
            LOAD_BENCHMARK,
            args,
            Map.of(),
            work.resolve(name));
    int exit = load.waitFor(900);
    if (!Files.isRegularFile(output)) {
      throw new IllegalStateException(
          "LoadBenchmark wrote no " + output + " (exit " + exit + "):\n" + load.tail());
    }
  }

  /**
   * Finds per-scenario objects in the load benchmark's JSON without depending on its exact shape:
   * an object that has a percentile field and either a {@code scenario}/{@code name} field or sits
   * under a key naming a scenario. The first field whose name contains each of {@link #FIGURES} is
   * taken; {@code figureKeys} records which key, so units stay visible.
   */
  @SuppressWarnings("unchecked")
  static void collect(
      Object node,
      String parentKey,
      Map<String, Map<String, Double>> scenarios,
      Map<String, String> figureKeys) {
    if (node instanceof List<?> list) {
      for (Object item : list) {
        collect(item, parentKey, scenarios, figureKeys);
      }
      return;
    }
    if (!(node instanceof Map<?, ?>)) {
      return;
    }
    Map<String, Object> map = (Map<String, Object>) node;
    String scenario = scenarioName(map.get("scenario"));
    if (scenario == null) {
      scenario = scenarioName(map.get("name"));
    }
    if (scenario == null) {
      scenario = scenarioName(parentKey);
    }
    Map<String, Double> figures = new LinkedHashMap<>();
    if (scenario != null) {
      figures(map, "", figures, figureKeys);
      // Percentiles may sit one level down, e.g. {"latency_ms": {"p50": ...}}.
      for (Map.Entry<String, Object> e : map.entrySet()) {
        if (e.getValue() instanceof Map<?, ?> child) {
          figures((Map<String, Object>) child, e.getKey() + ".", figures, figureKeys);
        }
      }
    }
    if (scenario != null && figures.containsKey("p50")) {
      scenarios.putIfAbsent(scenario, figures);
    }
    for (Map.Entry<String, Object> e : map.entrySet()) {
      collect(e.getValue(), e.getKey(), scenarios, figureKeys);
    }
  }

  private static void figures(
      Map<String, Object> map,
      String prefix,
      Map<String, Double> figures,
      Map<String, String> figureKeys) {
    for (String figure : FIGURES) {
      for (Map.Entry<String, Object> e : map.entrySet()) {
        if (!figures.containsKey(figure)
            && e.getKey().toLowerCase(Locale.ROOT).startsWith(figure)
            && e.getValue() instanceof Number n) {
          figures.put(figure, n.doubleValue());
          figureKeys.putIfAbsent(figure, prefix + e.getKey());
        }
      }
    }
  }

  private static String scenarioName(Object value) {
    if (value instanceof String s) {
      String lower = s.toLowerCase(Locale.ROOT);
      for (String name : List.of("simple", "medium", "complex", "dashboard")) {
        if (lower.equals(name)) {
          return name;
        }
      }
    }
    return null;
  }
}
