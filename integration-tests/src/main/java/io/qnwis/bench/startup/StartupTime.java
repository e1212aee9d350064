package io.qnwis.bench.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Wall time of {@link TrivialMain} (JVM start to exit) with and without the agent, runs alternated
 * so both see the same machine load; prints the median of each and the difference.
 *
 * <p>Usage: {@code scripts/startup.sh [RUNS] [--java JAVA_HOME] [--agent-config FILE]}
 */
public final class StartupTime {

  private StartupTime() {}

  public static void main(String[] args) throws Exception {
    int runs = 15;
    String javaHome = System.getProperty("java.home");
    String config = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--java" -> javaHome = args[++i];
        case "--agent-config" -> config = Path.of(args[++i]).toAbsolutePath().toString();
        default -> runs = Integer.parseInt(args[i]);
      }
    }
    Path jar = Path.of(System.getProperty("qnwis.agent.jar", "agent/target/qnwis-agent.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("agent jar missing at " + jar.toAbsolutePath());
    }
    String agent =
        "-javaagent:"
            + jar.toAbsolutePath()
            + "=port=0"
            + (config == null ? "" : ",config=" + config);
    String java = Path.of(javaHome, "bin", "java").toString();
    long[][] without = new long[2][runs];
    long[][] with = new long[2][runs];
    run(java, null); // warm the file cache
    run(java, agent);
    for (int i = 0; i < runs; i++) {
      long[] none = run(java, null);
      long[] attached = run(java, agent);
      without[0][i] = none[0];
      without[1][i] = none[1];
      with[0][i] = attached[0];
      with[1][i] = attached[1];
    }
    report(java + ", " + runs + " runs each, median wall time", without[0], with[0]);
    if (Files.isExecutable(TIME)) {
      report("median CPU time (user + sys, all JVM threads)", without[1], with[1]);
    }
  }

  private static void report(String what, long[] without, long[] with) {
    double none = median(without) / 1e6;
    double attached = median(with) / 1e6;
    System.out.printf(
        "%s: %.1f ms without the agent, %.1f ms with it: +%.1f ms%n",
        what, none, attached, attached - none);
  }

  /** GNU time gives the child's CPU time, which a loaded machine inflates less than wall time. */
  private static final Path TIME = Path.of("/usr/bin/time");

  /** Wall and CPU nanoseconds of one run (CPU 0 without GNU time). */
  private static long[] run(String java, String agent) throws Exception {
    Path times = Files.createTempFile("startup-", ".time");
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(TIME)) {
      command.addAll(List.of(TIME.toString(), "-f", "%U %S", "-o", times.toString()));
    }
    command.addAll(List.of(java, "-Xshare:auto"));
    if (agent != null) {
      command.add(agent);
    }
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), TrivialMain.class.getName()));
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("run failed: " + command);
    }
    long wall = System.nanoTime() - start;
    long cpu = 0;
    String[] userSys = Files.readString(times).trim().split("\\s+");
    if (userSys.length == 2) {
      cpu = (long) ((Double.parseDouble(userSys[0]) + Double.parseDouble(userSys[1])) * 1e9);
    }
    Files.deleteIfExists(times);
    return new long[] {wall, cpu};
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
  }
}
