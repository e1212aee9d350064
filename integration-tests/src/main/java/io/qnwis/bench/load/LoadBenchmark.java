package io.qnwis.bench.load;

import io.qnwis.bench.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scenario load benchmark for the QNWIS service (the Java counterpart of its {@code
 * benchmark_qnwis.py}): drives the simple, medium, complex and dashboard scenarios with concurrent
 * users and reports latency percentiles, throughput, errors, timeouts, target pass/fail, and, given
 * the agent's {@code /metrics}, cache hit ratio and pool utilization. Run with {@code --help} for
 * the options.
 */
public final class LoadBenchmark {

  private LoadBenchmark() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the benchmark; returns the exit status (0 passed, 1 a target missed, 2 cannot run). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    BenchmarkOptions options;
    try {
      options = BenchmarkOptions.parse(args);
    } catch (BenchmarkOptions.OptionsException e) {
      boolean help = BenchmarkOptions.USAGE.equals(e.getMessage());
      (help ? out : err).println(help ? e.getMessage() : "load benchmark: " + e.getMessage());
      if (!help) {
        err.println("(see --help)");
      }
      return help ? 0 : 2;
    }
    Object baseline = null;
    if (options.baseline() != null) {
      try {
        baseline = Json.parse(Files.readString(options.baseline(), StandardCharsets.UTF_8));
      } catch (IOException | IllegalArgumentException e) {
        err.println("load benchmark: --baseline " + options.baseline() + ": " + e.getMessage());
        return 2;
      }
    }

    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<String> sectors;
    try {
      sectors = sectors(http, options);
    } catch (IOException e) {
      err.println(
          "load benchmark: the service at "
              + options.baseUrl()
              + " did not answer /api/sectors ("
              + e.getMessage()
              + "); is it running?");
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
    MetricsProbe probe = null;
    if (options.metricsUrl() != null) {
      probe = new MetricsProbe(options.metricsUrl(), http);
      if (probe.read() == null) {
        err.println(
            "load benchmark: cannot read "
                + options.metricsUrl()
                + "; cache and pool figures will be n/a");
        probe = null;
      }
    }

    out.println(
        "QNWIS load benchmark: "
            + options.baseUrl()
            + ", "
            + options.users()
            + " users, "
            + (options.requests() == Integer.MAX_VALUE ? "" : options.requests() + " requests")
            + (options.duration() == null
                ? ""
                : (options.requests() == Integer.MAX_VALUE ? "" : " or ")
                    + Durations.format(options.duration()))
            + " per scenario");
    ScenarioRunner runner = new ScenarioRunner(options, http, probe, sectors, out);
    List<ScenarioResult> results = new ArrayList<>();
    try {
      for (Scenario scenario : options.scenarios()) {
        results.add(runner.run(scenario));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }

    Map<String, Object> comparison = null;
    if (baseline != null) {
      try {
        comparison = BaselineComparison.compare(baseline, options.baseline().toString(), results);
      } catch (IllegalArgumentException e) {
        err.println("load benchmark: --baseline " + e.getMessage());
      }
    }
    Report.print(out, results, comparison);
    if (options.output() != null) {
      try {
        Files.writeString(
            options.output(),
            Json.write(ResultsJson.document(options, results, comparison)),
            StandardCharsets.UTF_8);
        out.println("\nresults written to " + options.output());
      } catch (IOException e) {
        err.println("load benchmark: --output " + options.output() + ": " + e);
        return 2;
      }
    }
    return results.stream().allMatch(ScenarioResult::targetMet) ? 0 : 1;
  }

  /** The sector codes the service knows; also proves it is up before the load starts. */
  @SuppressWarnings("unchecked")
  private static List<String> sectors(HttpClient http, BenchmarkOptions options)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(options.baseUrl().resolve("/api/sectors"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode());
    }
    List<String> codes = new ArrayList<>();
    try {
      Map<String, Object> doc = (Map<String, Object>) Json.parse(response.body());
      for (Object sector : (List<Object>) doc.get("sectors")) {
        codes.add((String) ((Map<String, Object>) sector).get("code"));
      }
    } catch (RuntimeException e) {
      throw new IOException("unexpected /api/sectors answer: " + e.getMessage());
    }
    if (codes.isEmpty()) {
      throw new IOException("no sectors listed");
    }
    return codes;
  }
}
