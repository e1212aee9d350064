package io.qnwis.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample service ({@code sample-app/}) as the harness runs it: found on disk (its classes, the
 * class path file {@code scripts/perf.sh} writes, its {@code main} class), started in a mode on a
 * free port ({@code QNWIS_PORT}), and timed to its first {@code /healthz} answer.
 *
 * <p>{@code -Dqnwis.sample.main=CLASS} names the main class; otherwise the single class under
 * {@code sample-app/target/classes} with a {@code main(String[])} method is used.
 */
public final class SampleService {

  public static final List<String> SCENARIO_PATHS =
      List.of("/api/query/simple", "/api/query/medium", "/api/query/complex", "/api/dashboard");

  /**
   * Nagle's algorithm off on the service's JDK HTTP server, on the command line: the service turns
   * it off in {@code main} too, but the JDK reads the setting once, when the JVM's first such
   * server starts, and the OpenTelemetry agent's Prometheus exporter starts one before {@code
   * main}. Set only there, every request under OpenTelemetry waited ~40 ms for the client's delayed
   * ACK.
   */
  static final List<String> SERVICE_OPTIONS = List.of("-Dsun.net.httpserver.nodelay=true");

  private final String mainClass;
  private final String classPath;
  private final Map<String, String> env;

  private SampleService(String mainClass, String classPath, Map<String, String> env) {
    this.mainClass = mainClass;
    this.classPath = classPath;
    this.env = env;
  }

  /** The same service started with these extra environment variables. */
  public SampleService withEnv(Map<String, String> extra) {
    Map<String, String> all = new java.util.LinkedHashMap<>(env);
    all.putAll(extra);
    return new SampleService(mainClass, classPath, all);
  }

  public Map<String, String> env() {
    return env;
  }

  /** Throws with the reason (to be reported as a skip) when the service is not built. */
  public static SampleService locate() throws IOException {
    Path root = Path.of(System.getProperty("qnwis.sample.dir", "sample-app")).toAbsolutePath();
    Path classes = root.resolve("target/classes");
    Path cpFile = root.resolve("target/classpath.txt");
    if (!Files.isDirectory(classes)) {
      throw new IllegalStateException("sample-app has no compiled classes (" + classes + ")");
    }
    if (!Files.isRegularFile(cpFile)) {
      throw new IllegalStateException("sample-app class path file missing: " + cpFile);
    }
    String main = System.getProperty("qnwis.sample.main");
    if (main == null || main.isEmpty()) {
      main = findMain(classes);
    }
    String cp = classes + ":" + Files.readString(cpFile, StandardCharsets.UTF_8).trim();
    return new SampleService(main, cp, Map.of());
  }

  private static String findMain(Path classes) throws IOException {
    byte[] signature = "([Ljava/lang/String;)V".getBytes(StandardCharsets.US_ASCII);
    List<Path> candidates;
    try (Stream<Path> files = Files.walk(classes)) {
      candidates =
          files
              .filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
              .filter(f -> contains(read(f), signature) && contains(read(f), "main".getBytes()))
              .toList();
    }
    if (candidates.size() != 1) {
      throw new IllegalStateException(
          "sample-app has "
              + candidates.size()
              + " classes with a main method; name one with -Dqnwis.sample.main="
              + candidates);
    }
    String relative = classes.relativize(candidates.get(0)).toString();
    return relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  public String mainClass() {
    return mainClass;
  }

  /** A started service and the time its first {@code /healthz} answered 200. */
  public record Running(JvmProcess process, int port, double firstAnswerMillis)
      implements AutoCloseable {
    public String baseUrl() {
      return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
      process.close();
    }
  }

  private Map<String, String> withPort(int port) {
    Map<String, String> all = new java.util.LinkedHashMap<>(env);
    all.put("QNWIS_PORT", Integer.toString(port));
    return all;
  }

  /** Starts the service and waits (polling every 10 ms) until {@code /healthz} answers 200. */
  public Running start(Mode mode, Path log, Duration timeout) throws Exception {
    int port = Ports.free();
    JvmProcess process =
        JvmProcess.start(
            mode, SERVICE_OPTIONS, classPath, mainClass, List.of(), withPort(port), log);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "sample service exited during start-up:\n" + process.tail());
      }
      try {
        if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return new Running(process, port, process.elapsedMillis());
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(10);
    }
    process.close();
    throw new IllegalStateException("sample service did not answer /healthz within " + timeout);
  }
}
