package io.qnwis.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The benchmark's command line, parsed and checked; every problem is reported by its option. */
record BenchmarkOptions(
    URI baseUrl,
    List<Scenario> scenarios,
    int users,
    int requests,
    int keys,
    Duration duration,
    Duration requestTimeout,
    Path output,
    Path baseline,
    URI metricsUrl,
    Map<Scenario, Duration> targets,
    double maxErrorRate) {

  static final int DEFAULT_REQUESTS = 40;
  static final int DEFAULT_KEYS = 16;

  static final String USAGE =
      """
      Usage: LoadBenchmark [options]
        --base-url URL         the service (default http://127.0.0.1:8080)
        --scenario NAME        simple, medium, complex or dashboard (repeatable, or a,b)
        --all                  every scenario (the default when no --scenario is given)
        --users N              concurrent users (default 4)
        --requests N           requests per scenario (default 40 unless --duration is given)
        --duration D           run each scenario this long (e.g. 30s); with --requests,
                               whichever limit comes first
        --keys N               distinct sector/year combinations per scenario (default 16);
                               each is a cache miss the first time, a hit after
        --timeout D            per-request timeout (default 120s); a timed-out request counts
                               as a timeout, not as a latency
        --target NAME=D        p95 target of a scenario (defaults: simple=10s, medium=30s,
                               complex=90s, dashboard=3s); repeatable
        --max-error-rate R     errors+timeouts above this fraction fail the scenario (default 0.01)
        --metrics-url URL      the agent's /metrics, for cache hit ratio and pool utilization
        --output FILE          write the results as JSON
        --baseline FILE        compare against an earlier --output file
        --help                 this text
      Exit status: 0 every scenario met its target, 1 a scenario missed it, 2 bad options or
      the service did not answer.
      """;

  /** Bad command line; the message names the option. */
  static final class OptionsException extends Exception {
    OptionsException(String message) {
      super(message);
    }
  }

  static BenchmarkOptions parse(String... args) throws OptionsException {
    URI baseUrl = URI.create("http://127.0.0.1:8080");
    Set<Scenario> scenarios = new LinkedHashSet<>();
    boolean all = false;
    int users = 4;
    Integer requests = null;
    int keys = DEFAULT_KEYS;
    Duration duration = null;
    Duration timeout = Duration.ofSeconds(120);
    Path output = null;
    Path baseline = null;
    URI metricsUrl = null;
    double maxErrorRate = 0.01;
    Map<Scenario, Duration> targets = new EnumMap<>(Scenario.class);
    for (Scenario scenario : Scenario.values()) {
      targets.put(scenario, scenario.defaultTarget());
    }

    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      String inline = null;
      int eq = option.indexOf('=');
      if (option.startsWith("--") && eq > 0) {
        inline = option.substring(eq + 1);
        option = option.substring(0, eq);
      }
      switch (option) {
        case "--all" -> all = true;
        case "--help", "-h" -> throw new OptionsException(USAGE);
        default -> {
          String value = inline;
          if (value == null) {
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
              throw new OptionsException(
                  known(option) ? option + " needs a value" : unknown(option));
            }
            value = args[++i];
          }
          switch (option) {
            case "--base-url" -> baseUrl = url(option, value);
            case "--metrics-url" -> metricsUrl = url(option, value);
            case "--scenario" -> {
              for (String name : value.split(",")) {
                Scenario scenario = Scenario.byId(name);
                if (scenario == null) {
                  throw new OptionsException(
                      "--scenario: unknown scenario \""
                          + name
                          + "\" (simple, medium, complex, dashboard)");
                }
                scenarios.add(scenario);
              }
            }
            case "--users" -> users = positive(option, value);
            case "--requests" -> requests = positive(option, value);
            case "--keys" -> keys = positive(option, value);
            case "--duration" -> duration = duration(option, value);
            case "--timeout" -> timeout = duration(option, value);
            case "--output" -> output = Path.of(value);
            case "--baseline" -> baseline = Path.of(value);
            case "--max-error-rate" -> maxErrorRate = fraction(option, value);
            case "--target" -> {
              int split = value.indexOf('=');
              Scenario scenario = split < 0 ? null : Scenario.byId(value.substring(0, split));
              if (scenario == null) {
                throw new OptionsException(
                    "--target: \"" + value + "\" is not NAME=DURATION (e.g. simple=10s)");
              }
              targets.put(scenario, duration(option, value.substring(split + 1)));
            }
            default -> throw new OptionsException(unknown(option));
          }
        }
      }
    }
    if (all && !scenarios.isEmpty()) {
      throw new OptionsException("--all and --scenario exclude each other: choose one");
    }
    List<Scenario> chosen =
        new ArrayList<>(scenarios.isEmpty() ? List.of(Scenario.values()) : scenarios);
    if (requests == null && duration == null) {
      requests = DEFAULT_REQUESTS;
    }
    return new BenchmarkOptions(
        baseUrl,
        List.copyOf(chosen),
        users,
        requests == null ? Integer.MAX_VALUE : requests,
        keys,
        duration,
        timeout,
        output,
        baseline,
        metricsUrl,
        Map.copyOf(targets),
        maxErrorRate);
  }

  private static boolean known(String option) {
    return USAGE.contains(option + " ");
  }

  private static String unknown(String option) {
    return "unknown option \"" + option + "\" (see --help)";
  }

  private static URI url(String option, String value) throws OptionsException {
    try {
      URI uri = URI.create(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new OptionsException(option + ": \"" + value + "\" is not an http:// URL");
  }

  private static int positive(String option, String value) throws OptionsException {
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new OptionsException(option + ": \"" + value + "\" is not a positive whole number");
  }

  private static double fraction(String option, String value) throws OptionsException {
    try {
      double parsed = Double.parseDouble(value.trim());
      if (parsed >= 0 && parsed <= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new OptionsException(option + ": \"" + value + "\" is not a fraction from 0 to 1");
  }

  private static Duration duration(String option, String value) throws OptionsException {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new OptionsException(option + ": " + e.getMessage());
    }
  }
}
