package io.qnwis.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.qnwis.bench.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark end to end against a stub service whose answers are known: every medium request
 * whose number is a multiple of 4 fails, and the stub's /metrics counts one cache hit and one miss
 * per request served and a pool with 2 of 8 connections active.
 */
class LoadBenchmarkTest {

  @TempDir Path dir;

  private HttpServer stub;
  private final AtomicInteger served = new AtomicInteger();
  private final AtomicInteger medium = new AtomicInteger();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void startStub() throws IOException {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    stub.setExecutor(Executors.newFixedThreadPool(8));
    stub.createContext(
        "/api/sectors", ex -> reply(ex, 200, "{\"sectors\":[{\"code\":\"A\"},{\"code\":\"B\"}]}"));
    for (String route : List.of("/api/query/simple", "/api/query/complex", "/api/dashboard")) {
      stub.createContext(route, ex -> served(ex, 200));
    }
    stub.createContext(
        "/api/query/medium", ex -> served(ex, medium.incrementAndGet() % 4 == 0 ? 500 : 200));
    stub.createContext(
        "/metrics",
        ex ->
            reply(
                ex,
                200,
                "qnwis_cache_hits_total{region=\"query\"} "
                    + served.get()
                    + ".0\nqnwis_cache_misses_total{region=\"query\"} "
                    + served.get()
                    + ".0\nqnwis_db_pool_connections{pool=\"p\",state=\"active\"} 2.0\n"
                    + "qnwis_db_pool_connections{pool=\"p\",state=\"max\"} 8.0\n"));
    stub.start();
  }

  @AfterEach
  void stopStub() {
    stub.stop(0);
  }

  @Test
  @SuppressWarnings("unchecked")
  void writesEveryFigurePerScenarioAndFailsTheScenarioWithErrors() throws Exception {
    Path results = dir.resolve("results.json");

    int exit = run("--all", "--users", "3", "--requests", "20", "--output", results.toString());

    assertThat(exit).as(err.toString()).isEqualTo(1);
    Map<String, Object> doc = (Map<String, Object>) Json.parse(Files.readString(results));
    assertThat(doc).containsEntry("passed", false).containsEntry("users", 3L);
    Map<String, Object> scenarios = (Map<String, Object>) doc.get("scenarios");
    assertThat(scenarios).containsOnlyKeys("simple", "medium", "complex", "dashboard");

    Map<String, Object> simple = (Map<String, Object>) scenarios.get("simple");
    assertThat(simple)
        .containsEntry("requests", 20L)
        .containsEntry("successes", 20L)
        .containsEntry("errors", 0L)
        .containsEntry("timeouts", 0L)
        .containsEntry("error_rate", 0.0)
        .containsEntry("timeout_rate", 0.0)
        .containsEntry("target_p95_seconds", 10.0)
        .containsEntry("target_met", true)
        .containsKeys("elapsed_seconds", "throughput_rps");
    assertThat((Map<String, Object>) simple.get("latency_seconds"))
        .containsKeys("min", "mean", "p50", "p90", "p95", "p99", "max");
    assertThat((Map<String, Object>) simple.get("cache"))
        .containsEntry("hits", 20.0)
        .containsEntry("misses", 20.0)
        .containsEntry("hit_ratio", 0.5);
    assertThat((Map<String, Object>) simple.get("pool"))
        .containsEntry("active_peak", 2.0)
        .containsEntry("max", 8.0)
        .containsEntry("utilization_mean", 0.25);

    Map<String, Object> medium = (Map<String, Object>) scenarios.get("medium");
    assertThat(medium)
        .containsEntry("requests", 20L)
        .containsEntry("errors", 5L)
        .containsEntry("error_rate", 0.25)
        .containsEntry("error_kinds", Map.of("HTTP 500", 5L))
        .containsEntry("target_met", false);
    assertThat(out.toString()).contains("[medium   ] 20/20 requests").contains("FAIL");
  }

  @Test
  @SuppressWarnings("unchecked")
  void comparesAgainstABaselineFile() throws Exception {
    Path baseline = dir.resolve("baseline.json");
    Path results = dir.resolve("results.json");
    run("--scenario", "simple", "--requests", "10", "--output", baseline.toString());

    int exit =
        run(
            "--scenario",
            "simple,dashboard",
            "--requests",
            "10",
            "--baseline",
            baseline.toString(),
            "--output",
            results.toString());

    assertThat(exit).as(err.toString()).isZero();
    Map<String, Object> doc = (Map<String, Object>) Json.parse(Files.readString(results));
    Map<String, Object> comparison =
        (Map<String, Object>) ((Map<String, Object>) doc.get("baseline")).get("scenarios");
    assertThat((Map<String, Object>) comparison.get("simple"))
        .containsKeys(
            "p95_seconds_baseline",
            "p95_seconds_now",
            "p95_change_pct",
            "throughput_rps_baseline",
            "throughput_rps_now",
            "verdict");
    assertThat((Map<String, Object>) comparison.get("dashboard"))
        .containsEntry("verdict", "not in baseline");
    assertThat(out.toString()).contains("Against baseline " + baseline);
  }

  @Test
  void saysClearlyWhenTheServiceIsNotThere() {
    stub.stop(0);

    int exit = run("--base-url", "http://127.0.0.1:" + stub.getAddress().getPort());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("did not answer /api/sectors").contains("is it running?");
  }

  @Test
  void rejectsBadOptionsWithExitStatusTwo() {
    assertThat(run("--users", "-1")).isEqualTo(2);
    assertThat(err.toString()).contains("--users: \"-1\" is not a positive whole number");
  }

  private int run(String... args) {
    String[] withUrl = new String[args.length + 4];
    withUrl[0] = "--base-url";
    withUrl[1] = "http://127.0.0.1:" + stub.getAddress().getPort();
    withUrl[2] = "--metrics-url";
    withUrl[3] = "http://127.0.0.1:" + stub.getAddress().getPort() + "/metrics";
    System.arraycopy(args, 0, withUrl, 4, args.length);
    return LoadBenchmark.run(
        withUrl,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private void served(HttpExchange exchange, int status) throws IOException {
    served.incrementAndGet();
    reply(exchange, status, "{}");
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream stream = exchange.getResponseBody()) {
      stream.write(bytes);
    }
  }
}
