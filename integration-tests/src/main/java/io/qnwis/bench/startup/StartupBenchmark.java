package io.qnwis.bench.startup;

import io.qnwis.bench.JvmProcess;
import io.qnwis.bench.Mode;
import io.qnwis.bench.SampleService;
import io.qnwis.bench.Stats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whole-JVM start-up and resident memory per mode, the modes interleaved run by run (their order
 * rotating each run) so drifting machine load hits them alike: (1) launch to the end of {@link
 * TrivialMain}, with its RSS there, alone or after {@link ExecutorMain}'s one pool task; (2) launch
 * of the sample service to its first {@code /healthz} 200, then RSS ({@code VmRSS}) after a fixed
 * load of requests spread over the four scenario routes.
 */
public final class StartupBenchmark {

  private final List<Mode> modes;
  private final Path work;

  public StartupBenchmark(List<Mode> modes, Path work) {
    this.modes = modes;
    this.work = work;
  }

  /**
   * Launch to the end of {@code main}, which ends by running {@link TrivialMain}. One start per
   * mode is discarded first, as a service restarts: the disk cache is warm for every mode, and this
   * agent's class cache holds what it wove (docs/operations.md).
   */
  public Map<String, Object> trivialMain(Class<?> main, int runs) throws Exception {
    Map<Mode, List<Double>> millis = new LinkedHashMap<>();
    Map<Mode, List<Double>> rss = new LinkedHashMap<>();
    for (Mode mode : modes) {
      runMain(main, mode, "warmup");
    }
    for (int run = 0; run < runs; run++) {
      for (Mode mode : Mode.rotated(modes, run)) {
        long launch = System.currentTimeMillis();
        String marker = runMain(main, mode, String.valueOf(run));
        millis
            .computeIfAbsent(mode, m -> new ArrayList<>())
            .add((double) (field(marker, "end_epoch_ms") - launch));
        rss.computeIfAbsent(mode, m -> new ArrayList<>())
            .add(Double.parseDouble(value(marker, "rss_mib")));
      }
      System.out.printf("[startup] %s run %d/%d done%n", main.getSimpleName(), run + 1, runs);
    }
    return byMode(runs, Map.of("ms", millis, "rss_mib", rss));
  }

  /** Runs {@code main} to its end in {@code mode}; the marker line it printed. */
  private String runMain(Class<?> main, Mode mode, String run) throws Exception {
    Path log = work.resolve("trivial-" + mode.id() + "-" + run + ".log");
    JvmProcess process =
        JvmProcess.start(
            mode,
            List.of(),
            System.getProperty("java.class.path"),
            main.getName(),
            List.of(),
            Map.of(),
            log);
    int exit = process.waitFor(120);
    String marker = null;
    for (String line : Files.readAllLines(log)) {
      if (line.startsWith(TrivialMain.MARKER)) {
        marker = line;
      }
    }
    if (exit != 0 || marker == null) {
      throw new IllegalStateException(
          main.getSimpleName()
              + " failed in mode "
              + mode.id()
              + " (exit "
              + exit
              + "):\n"
              + process.tail());
    }
    return marker;
  }

  public Map<String, Object> service(SampleService service, int runs, int loadRequests)
      throws Exception {
    Map<Mode, List<Double>> millis = new LinkedHashMap<>();
    Map<Mode, List<Double>> rss = new LinkedHashMap<>();
    Map<Mode, List<Double>> errors = new LinkedHashMap<>();
    // One discarded start per mode, as a service restarts: no mode alone pays for cold disk caches
    // or an empty Redis cache, and this agent's class cache holds what it wove.
    for (Mode mode : modes) {
      try (SampleService.Running warm =
          service.start(
              mode, work.resolve("service-warmup-" + mode.id() + ".log"), Duration.ofMinutes(3))) {
        load(warm.baseUrl(), loadRequests);
      }
    }
    for (int run = 0; run < runs; run++) {
      for (Mode mode : Mode.rotated(modes, run)) {
        Path log = work.resolve("service-" + mode.id() + "-" + run + ".log");
        try (SampleService.Running running = service.start(mode, log, Duration.ofMinutes(3))) {
          millis.computeIfAbsent(mode, m -> new ArrayList<>()).add(running.firstAnswerMillis());
          int failed = load(running.baseUrl(), loadRequests);
          rss.computeIfAbsent(mode, m -> new ArrayList<>()).add(running.process().rssMiB());
          errors.computeIfAbsent(mode, m -> new ArrayList<>()).add((double) failed);
        }
      }
      System.out.printf("[startup] sample service run %d/%d done%n", run + 1, runs);
    }
    Map<String, Object> out =
        byMode(runs, Map.of("ms", millis, "rss_mib", rss, "failed_requests", errors));
    out.put("main_class", service.mainClass());
    out.put("load_requests", loadRequests);
    out.put("env", service.env());
    return out;
  }

  /**
   * Sends {@code requests} GETs round-robin over the scenario routes from 4 threads; returns
   * failures.
   */
  public static int load(String baseUrl, int requests) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    String path =
                        SampleService.SCENARIO_PATHS.get(i % SampleService.SCENARIO_PATHS.size());
                    HttpRequest request =
                        HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .timeout(Duration.ofSeconds(30))
                            .build();
                    try {
                      int status =
                          client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                      if (status != 200) {
                        failed.incrementAndGet();
                      }
                    } catch (Exception e) {
                      failed.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return failed.get();
  }

  private Map<String, Object> byMode(int runs, Map<String, Map<Mode, List<Double>>> figures) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("runs", runs);
    Map<String, Object> perMode = new LinkedHashMap<>();
    for (Mode mode : modes) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String figure : List.of("ms", "rss_mib", "failed_requests")) {
        Map<Mode, List<Double>> values = figures.get(figure);
        if (values != null && values.containsKey(mode)) {
          m.put(figure, Stats.summary(values.get(mode)));
        }
      }
      perMode.put(mode.id(), m);
    }
    out.put("modes", perMode);
    return out;
  }

  private static long field(String line, String key) {
    return Long.parseLong(value(line, key));
  }

  private static String value(String line, String key) {
    for (String part : line.split(" ")) {
      if (part.startsWith(key + "=")) {
        return part.substring(key.length() + 1);
      }
    }
    throw new IllegalArgumentException("no " + key + " in '" + line + "'");
  }
}
