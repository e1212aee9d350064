package io.qnwis.bench.jmh;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs JMH benchmarks once per mode (no agent, then this agent attached with {@code -javaagent}) in
 * the same session, and prints the added nanoseconds per operation. Modes are run back to back so
 * both see the same machine load; compare the ratio, not absolute figures.
 *
 * <p>Usage: {@code scripts/bench.sh [--quick] [--agent-config FILE] INCLUDE_REGEX...}
 */
public final class Overhead {

  /** Score and error (99.9% CI half-width) in ns/op, per benchmark and mode. */
  public record Score(double nanos, double error) {}

  private Overhead() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path config = null;
    List<String> includes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--agent-config" -> config = Path.of(args[++i]);
        default -> includes.add(args[i]);
      }
    }
    if (includes.isEmpty()) {
      System.err.println("usage: Overhead [--quick] [--agent-config FILE] INCLUDE_REGEX...");
      System.exit(2);
    }
    Map<String, Map<String, Score>> byBenchmark = new LinkedHashMap<>();
    for (String mode : List.of("none", "agent")) {
      List<String> jvmArgs = new ArrayList<>(List.of("-Xms512m", "-Xmx512m"));
      if (mode.equals("agent")) {
        jvmArgs.add("-javaagent:" + agentJar() + agentOptions(config));
      }
      for (RunResult result : run(includes, quick, jvmArgs)) {
        String name = result.getParams().getBenchmark();
        byBenchmark
            .computeIfAbsent(name, k -> new LinkedHashMap<>())
            .put(
                mode,
                new Score(
                    result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError()));
      }
    }
    System.out.println();
    System.out.printf("%-60s %14s %14s %12s%n", "benchmark (ns/op)", "no agent", "agent", "added");
    byBenchmark.forEach(
        (name, scores) -> {
          Score none = scores.get("none");
          Score agent = scores.get("agent");
          System.out.printf(
              "%-60s %8.1f ±%5.1f %8.1f ±%5.1f %12.1f%n",
              name.replaceFirst("^io\\.qnwis\\.bench\\.jmh\\.", ""),
              none.nanos(),
              none.error(),
              agent.nanos(),
              agent.error(),
              agent.nanos() - none.nanos());
        });
  }

  static Collection<RunResult> run(List<String> includes, boolean quick, List<String> jvmArgs)
      throws Exception {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .forks(1)
            .warmupIterations(quick ? 2 : 5)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 3 : 8)
            .measurementTime(TimeValue.seconds(1))
            .jvmArgsAppend(jvmArgs.toArray(new String[0]));
    for (String include : includes) {
      options.include(include);
    }
    return new Runner(options.build()).run();
  }

  static String agentJar() {
    Path jar = Path.of(System.getProperty("qnwis.agent.jar", "agent/target/qnwis-agent.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("agent jar missing at " + jar.toAbsolutePath());
    }
    return jar.toAbsolutePath().toString();
  }

  private static String agentOptions(Path config) {
    // Port 0: the endpoint binds an ephemeral port, so runs never collide.
    return "=port=0" + (config == null ? "" : ",config=" + config.toAbsolutePath());
  }

  static String classPath() {
    return System.getProperty("java.class.path").replace(File.pathSeparatorChar, ':');
  }
}
