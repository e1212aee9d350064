package io.qnwis.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM forked in one {@link Mode}: launched with the current {@code java}, its output merged and
 * kept to a file, its resident memory read from {@code /proc/PID/status}. Times are measured from
 * just before {@link ProcessBuilder#start()}, so they include the whole JVM start-up.
 */
public final class JvmProcess implements AutoCloseable {

  private final Process process;
  private final long launchedNanos;
  private final Path log;

  private JvmProcess(Process process, long launchedNanos, Path log) {
    this.process = process;
    this.launchedNanos = launchedNanos;
    this.log = log;
  }

  /** Launches {@code mainClass} in {@code mode}, with {@code jvmOptions} after the mode's own. */
  public static JvmProcess start(
      Mode mode,
      List<String> jvmOptions,
      String classPath,
      String mainClass,
      List<String> args,
      Map<String, String> env,
      Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms256m");
    command.add("-Xmx512m");
    command.addAll(mode.jvmArgs());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(args);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    long launched = System.nanoTime();
    return new JvmProcess(builder.start(), launched, log);
  }

  /** Milliseconds since launch. */
  public double elapsedMillis() {
    return (System.nanoTime() - launchedNanos) / 1e6;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Resident set size in MiB ({@code VmRSS}), or NaN when the process is gone. */
  public double rssMiB() {
    return rssMiB(process.pid());
  }

  public static double rssMiB(long pid) {
    try (BufferedReader in =
        Files.newBufferedReader(
            Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  /** The last lines of the process output, for error messages. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  public Path log() {
    return log;
  }

  public int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      close();
      return -1;
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Reads a file's lines without failing when it is being written. */
  static List<String> lines(Path file) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
      return lines;
    } catch (IOException e) {
      return List.of();
    }
  }
}
