package io.qnwis.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads the agent's {@code /metrics} (Prometheus text format): cache hits and misses summed over
 * regions, and the JDBC pool gauges summed over pools. A family the agent does not expose (yet) is
 * simply absent: the report then says "n/a" instead of failing.
 */
final class MetricsProbe {

  static final String HITS = "qnwis_cache_hits_total";
  static final String MISSES = "qnwis_cache_misses_total";
  static final String POOL = "qnwis_db_pool_connections";

  /** One scrape's figures; NaN where the agent exposed nothing. */
  record Snapshot(double hits, double misses, double poolActive, double poolMax) {}

  private final URI url;
  private final HttpClient http;

  MetricsProbe(URI url, HttpClient http) {
    this.url = url;
    this.http = http;
  }

  /** The current figures, or null if /metrics could not be read. */
  Snapshot read() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(url)
                  .timeout(Duration.ofSeconds(5))
                  .header("Accept", "text/plain")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? parse(response.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static Snapshot parse(String text) {
    double hits = Double.NaN;
    double misses = Double.NaN;
    double active = Double.NaN;
    double max = Double.NaN;
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      if (isSample(line, HITS)) {
        hits = add(hits, value(line));
      } else if (isSample(line, MISSES)) {
        misses = add(misses, value(line));
      } else if (isSample(line, POOL)) {
        if (line.contains("state=\"active\"")) {
          active = add(active, value(line));
        } else if (line.contains("state=\"max\"")) {
          max = add(max, value(line));
        }
      }
    }
    return new Snapshot(hits, misses, active, max);
  }

  private static boolean isSample(String line, String name) {
    return line.startsWith(name)
        && line.length() > name.length()
        && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ');
  }

  private static double add(double sum, double value) {
    return Double.isNaN(sum) ? value : sum + value;
  }

  /** The sample value: the first field after the labels (a timestamp may follow). */
  private static double value(String line) {
    int close = line.lastIndexOf('}');
    String rest = line.substring(close < 0 ? line.indexOf(' ') : close + 1).trim();
    int space = rest.indexOf(' ');
    String number = space < 0 ? rest : rest.substring(0, space);
    return switch (number) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(number);
    };
  }
}
