package io.qnwis.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one scenario: {@code users} threads each send a request, wait for the answer, and send the
 * next, until the request count or the duration is reached. Prints a progress line while it runs.
 */
final class ScenarioRunner {

  private static final int MAX_ERROR_KINDS = 20;

  private final BenchmarkOptions options;
  private final HttpClient http;
  private final MetricsProbe probe;
  private final List<String> sectors;
  private final PrintStream progress;

  ScenarioRunner(
      BenchmarkOptions options,
      HttpClient http,
      MetricsProbe probe,
      List<String> sectors,
      PrintStream progress) {
    this.options = options;
    this.http = http;
    this.probe = probe;
    this.sectors = sectors;
    this.progress = progress;
  }

  ScenarioResult run(Scenario scenario) throws InterruptedException {
    MetricsProbe.Snapshot before = probe == null ? null : probe.read();
    PoolSampler sampler = probe == null ? null : PoolSampler.start(probe);

    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger timeouts = new AtomicInteger();
    Map<String, AtomicInteger> errorKinds = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    long deadline =
        options.duration() == null ? Long.MAX_VALUE : start + options.duration().toNanos();

    List<Thread> users = new ArrayList<>();
    for (int u = 0; u < options.users(); u++) {
      Thread user =
          new Thread(
              () -> {
                while (true) {
                  int i = next.getAndIncrement();
                  if (i >= options.requests() || System.nanoTime() - deadline >= 0) {
                    return;
                  }
                  URI uri = options.baseUrl().resolve(scenario.path(i, options.keys(), sectors));
                  HttpRequest request =
                      HttpRequest.newBuilder(uri).timeout(options.requestTimeout()).build();
                  long sent = System.nanoTime();
                  try {
                    HttpResponse<Void> response =
                        http.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() / 100 == 2) {
                      latencies.add((System.nanoTime() - sent) / 1e9);
                    } else {
                      errors.incrementAndGet();
                      count(errorKinds, "HTTP " + response.statusCode());
                    }
                  } catch (HttpTimeoutException e) {
                    timeouts.incrementAndGet();
                  } catch (IOException e) {
                    errors.incrementAndGet();
                    count(errorKinds, e.getClass().getSimpleName());
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bench-" + scenario.id() + "-" + (u + 1));
      user.setDaemon(true);
      users.add(user);
      user.start();
    }

    ProgressLine line = new ProgressLine(progress, scenario.id(), options.requests());
    for (Thread user : users) {
      while (user.isAlive()) {
        user.join(1000);
        line.update(latencies.size(), errors.get(), timeouts.get(), System.nanoTime() - start);
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    line.finish(latencies.size(), errors.get(), timeouts.get(), System.nanoTime() - start);

    double[] samples = new double[latencies.size()];
    int k = 0;
    for (Double latency : latencies) {
      samples[k++] = latency;
    }
    Map<String, Integer> kinds = new TreeMap<>();
    errorKinds.forEach((kind, count) -> kinds.put(kind, count.get()));

    ScenarioResult.Cache cache = null;
    ScenarioResult.Pool pool = null;
    if (probe != null) {
      MetricsProbe.Snapshot after = probe.read();
      if (before != null && after != null && !Double.isNaN(after.hits() + after.misses())) {
        cache =
            new ScenarioResult.Cache(
                after.hits() - zeroIfNaN(before.hits()),
                after.misses() - zeroIfNaN(before.misses()));
      }
      pool = sampler.stop();
    }
    return new ScenarioResult(
        scenario,
        samples.length,
        errors.get(),
        timeouts.get(),
        kinds,
        elapsed,
        Percentiles.of(samples),
        options.targets().get(scenario),
        options.maxErrorRate(),
        cache,
        pool);
  }

  private static double zeroIfNaN(double value) {
    return Double.isNaN(value) ? 0 : value;
  }

  private static void count(Map<String, AtomicInteger> kinds, String kind) {
    // Bounded: error kinds come from the server's answers.
    String key = kinds.size() >= MAX_ERROR_KINDS && !kinds.containsKey(kind) ? "other" : kind;
    kinds.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  /** Samples the pool gauges twice a second while a scenario runs. */
  private static final class PoolSampler {
    private final MetricsProbe probe;
    private final Thread thread;
    private volatile boolean running = true;
    private double activeSum;
    private double activePeak = Double.NaN;
    private double max = Double.NaN;
    private int samples;

    private PoolSampler(MetricsProbe probe) {
      this.probe = probe;
      this.thread = new Thread(this::loop, "bench-pool-sampler");
      thread.setDaemon(true);
    }

    static PoolSampler start(MetricsProbe probe) {
      PoolSampler sampler = new PoolSampler(probe);
      sampler.thread.start();
      return sampler;
    }

    private void loop() {
      while (running) {
        MetricsProbe.Snapshot snapshot = probe.read();
        synchronized (this) {
          if (snapshot != null && !Double.isNaN(snapshot.poolActive())) {
            activeSum += snapshot.poolActive();
            activePeak =
                Double.isNaN(activePeak)
                    ? snapshot.poolActive()
                    : Math.max(activePeak, snapshot.poolActive());
            max = snapshot.poolMax();
            samples++;
          }
        }
        try {
          TimeUnit.MILLISECONDS.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** The pool figures, or null if the agent exposed no pool gauge. */
    ScenarioResult.Pool stop() throws InterruptedException {
      running = false;
      thread.interrupt();
      thread.join(5000);
      synchronized (this) {
        return samples == 0 ? null : new ScenarioResult.Pool(activeSum / samples, activePeak, max);
      }
    }
  }
}
