package io.qnwis.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a few headline figures from the agent's {@code /metrics} (used by {@code
 * scripts/demo.sh}): cache hit ratio, pool usage, DB and Redis call counts with a p95 estimated
 * from the histogram buckets, the analysis pool, and the agent's own health. Families the agent
 * does not expose are reported as such rather than as zero.
 *
 * <p>Usage: {@code MetricsHeadline http://127.0.0.1:9400/metrics}
 */
public final class MetricsHeadline {

  /** One sample line of the Prometheus text format. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private MetricsHeadline() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: MetricsHeadline METRICS_URL");
      System.exit(2);
    }
    String text;
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(args[0]))
                      .timeout(Duration.ofSeconds(10))
                      .header("Accept", "text/plain")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      text = response.body();
    } catch (IOException e) {
      System.err.println("cannot read " + args[0] + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    print(System.out, parse(text));
  }

  static void print(PrintStream out, List<Sample> samples) {
    String absent = "not exposed (yet)";
    out.println(
        row(
            "agent",
            has(samples, "qnwis_agent_config_valid")
                ? "config valid "
                    + (sum(samples, "qnwis_agent_config_valid", null, null) == 1
                        ? "yes"
                        : "no (running on observation-only defaults)")
                    + ", agent errors "
                    + count(sum(samples, "qnwis_agent_errors_total", null, null))
                : absent));

    double hits = sum(samples, "qnwis_cache_hits_total", null, null);
    double misses = sum(samples, "qnwis_cache_misses_total", null, null);
    if (has(samples, "qnwis_cache_hits_total") || has(samples, "qnwis_cache_misses_total")) {
      StringBuilder regions = new StringBuilder();
      for (String region : labelValues(samples, "qnwis_cache_hits_total", "region")) {
        double h = sum(samples, "qnwis_cache_hits_total", "region", region);
        double m = sum(samples, "qnwis_cache_misses_total", "region", region);
        regions.append(regions.length() == 0 ? "; " : ", ");
        regions.append(region).append(' ').append(Report.percent(h / (h + m)));
      }
      out.println(
          row(
              "cache hit ratio",
              Report.percent(hits / (hits + misses))
                  + " (hits "
                  + count(hits)
                  + ", misses "
                  + count(misses)
                  + ")"
                  + regions));
    } else {
      out.println(row("cache hit ratio", absent));
    }

    List<String> pools = labelValues(samples, "qnwis_db_pool_connections", "pool");
    if (pools.isEmpty()) {
      out.println(row("db pool", absent));
    }
    for (String pool : pools) {
      out.println(
          row(
              "db pool " + pool,
              String.format(
                  Locale.ROOT,
                  "active %s, idle %s, pending %s, max %s",
                  count(state(samples, pool, "active")),
                  count(state(samples, pool, "idle")),
                  count(state(samples, pool, "pending")),
                  count(state(samples, pool, "max")))));
    }

    out.println(row("db statements", histogram(samples, "qnwis_db_latency_seconds", absent)));
    out.println(row("redis commands", histogram(samples, "qnwis_redis_latency_seconds", absent)));
    out.println(row("analysis tasks", histogram(samples, "qnwis_agent_latency_seconds", absent)));

    List<String> executors = labelValues(samples, "qnwis_executor_threads", "executor");
    if (executors.isEmpty()) {
      out.println(row("executors", absent));
    }
    for (String executor : executors) {
      out.println(
          row(
              "executor " + executor,
              "threads "
                  + count(
                      sum(samples, "qnwis_executor_threads", "executor", executor, "state", "pool"))
                  + " (max "
                  + count(
                      sum(samples, "qnwis_executor_threads", "executor", executor, "state", "max"))
                  + "), queue depth "
                  + count(sum(samples, "qnwis_executor_queue_depth", "executor", executor))
                  + ", rejected "
                  + count(sum(samples, "qnwis_executor_rejected_total", "executor", executor))));
    }
  }

  /** Call count and a bucket-based p95 bound of a histogram family, over all its labels. */
  static String histogram(List<Sample> samples, String family, String absent) {
    double total = sum(samples, family + "_count", null, null);
    if (!has(samples, family + "_count")) {
      return absent;
    }
    Map<Double, Double> buckets = new TreeMap<>();
    for (Sample sample : samples) {
      if (sample.name().equals(family + "_bucket")) {
        double le = Double.parseDouble(sample.labels().get("le").replace("+Inf", "Infinity"));
        buckets.merge(le, sample.value(), Double::sum);
      }
    }
    String p95 = "-";
    for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
      if (total > 0 && bucket.getValue() >= 0.95 * total) {
        p95 =
            bucket.getKey().isInfinite()
                ? "above the largest bucket"
                : "<= " + Report.seconds(bucket.getKey());
        break;
      }
    }
    return count(total) + " calls, p95 " + p95;
  }

  static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      int brace = line.indexOf('{');
      int space = line.indexOf(' ');
      String name;
      String rest;
      if (brace >= 0 && brace < space) {
        name = line.substring(0, brace);
        int close = line.lastIndexOf('}');
        for (String pair : line.substring(brace + 1, close).split(",(?=[a-zA-Z_]+=\")")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
          }
        }
        rest = line.substring(close + 1).trim();
      } else {
        name = line.substring(0, space);
        rest = line.substring(space + 1).trim();
      }
      String value = rest.split(" ")[0];
      try {
        samples.add(new Sample(name, labels, Double.parseDouble(value.replace("Inf", "Infinity"))));
      } catch (NumberFormatException e) {
        // not a sample line we understand; headline figures do without it
      }
    }
    return samples;
  }

  private static double state(List<Sample> samples, String pool, String state) {
    return sum(samples, "qnwis_db_pool_connections", "pool", pool, "state", state);
  }

  private static boolean has(List<Sample> samples, String name) {
    for (Sample sample : samples) {
      if (sample.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Sum of the samples of {@code name} whose labels include the given pairs (null: all). */
  private static double sum(List<Sample> samples, String name, String... labelPairs) {
    double total = 0;
    for (Sample sample : samples) {
      if (!sample.name().equals(name)) {
        continue;
      }
      boolean match = true;
      for (int i = 0; i + 1 < labelPairs.length; i += 2) {
        if (labelPairs[i] != null
            && !labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]))) {
          match = false;
        }
      }
      if (match) {
        total += sample.value();
      }
    }
    return total;
  }

  private static List<String> labelValues(List<Sample> samples, String name, String label) {
    List<String> values = new ArrayList<>();
    for (Sample sample : samples) {
      String value = sample.labels().get(label);
      if (sample.name().equals(name) && value != null && !values.contains(value)) {
        values.add(value);
      }
    }
    return values;
  }

  private static String count(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f", value);
  }

  private static String row(String what, String figures) {
    return String.format(Locale.ROOT, "  %-22s %s", what, figures);
  }
}
