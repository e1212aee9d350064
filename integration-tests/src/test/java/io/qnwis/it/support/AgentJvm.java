package io.qnwis.it.support;

import io.qnwis.bench.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JVM forked the way ops run a service: {@code java -javaagent:qnwis-agent.jar=OPTIONS -cp ...
 * Main}. The class path is this test's, minus the agent's own classes, so the service sees the
 * agent only through {@code -javaagent}. Output (both streams) goes to a file the test can read.
 *
 * <p>Fixture mains follow one protocol: do their work, print {@link #READY}, then wait for standard
 * input to close, so the test can scrape the agent before the JVM exits.
 */
public final class AgentJvm implements AutoCloseable {

  public static final String READY = "FIXTURE READY";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path output;
  private final int port;

  private AgentJvm(Process process, Path output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  public static Builder builder(Class<?> mainClass) {
    return new Builder(mainClass.getName());
  }

  public static Path agentJar() {
    Path jar = Path.of(System.getProperty("qnwis.agent.jar", "../agent/target/qnwis-agent.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("agent jar missing at " + jar + ": run mvn package first");
    }
    return jar.toAbsolutePath().normalize();
  }

  public static int freePort() {
    return Ports.free();
  }

  /** The class path of this test JVM without the agent's classes. */
  public static String serviceClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> !entry.contains("agent/target") && !entry.contains("qnwis-agent"))
        .collect(Collectors.joining(java.io.File.pathSeparator));
  }

  /** The agent's metrics port (what was passed as {@code port=}). */
  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public Process process() {
    return process;
  }

  /** Both output streams so far. */
  public String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<no output: " + e + ">";
    }
  }

  /** Waits until the output contains {@code text}; fails with the output if the JVM dies. */
  public AgentJvm awaitOutput(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) {
        return this;
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "JVM exited ("
                + process.exitValue()
                + ") before printing '"
                + text
                + "':\n"
                + output());
      }
      sleep(50);
    }
    throw new AssertionError("timed out waiting for '" + text + "':\n" + output());
  }

  public AgentJvm awaitReady() {
    return awaitOutput(READY, Duration.ofSeconds(60));
  }

  /** Waits until the agent's endpoint answers /health. */
  public AgentJvm awaitEndpoint() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("JVM exited (" + process.exitValue() + "):\n" + output());
      }
      try {
        if (get("/health").statusCode() == 200) {
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      }
      sleep(50);
    }
    throw new AssertionError("agent endpoint never answered on port " + port + ":\n" + output());
  }

  public HttpResponse<String> get(String path) throws IOException {
    return get(path, Map.of());
  }

  public HttpResponse<String> get(String path, Map<String, String> headers) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    headers.forEach(request::header);
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** GET /metrics and parse it. */
  public Scrape scrape() {
    try {
      HttpResponse<String> response = get("/metrics");
      if (response.statusCode() != 200) {
        throw new AssertionError("/metrics answered " + response.statusCode());
      }
      return Scrape.parse(response.body());
    } catch (IOException e) {
      throw new AssertionError("cannot scrape /metrics:\n" + output(), e);
    }
  }

  /** Writes {@code line} to the fixture's standard input: its cue for a next step. */
  public void tell(String line) {
    try {
      process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write to the fixture:\n" + output(), e);
    }
  }

  /** Tells a fixture waiting on standard input to finish, and waits for the exit code. */
  public int finish(Duration timeout) {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        throw new AssertionError("JVM did not exit:\n" + output());
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** How to fork. By default: this JDK, the agent with a free port, no config. */
  public static final class Builder {
    private final String mainClass;
    private final List<String> args = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> laterAgents = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path javaHome = Path.of(System.getProperty("java.home"));
    private boolean agent = true;
    private String extraAgentOptions = "";
    private Path config;
    private int port = -1;
    private String classPath;

    private Builder(String mainClass) {
      this.mainClass = mainClass;
    }

    public Builder args(String... values) {
      args.addAll(List.of(values));
      return this;
    }

    public Builder jvmArg(String value) {
      jvmArgs.add(value);
      return this;
    }

    /** Another {@code -javaagent:} jar, loaded after this agent (its transformers come later). */
    public Builder laterAgent(Path jar) {
      laterAgents.add("-javaagent:" + jar);
      return this;
    }

    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    public Builder javaHome(Path home) {
      this.javaHome = home;
      return this;
    }

    /** Run the service without the agent (the baseline). */
    public Builder withoutAgent() {
      this.agent = false;
      return this;
    }

    public Builder config(Path file) {
      this.config = file;
      return this;
    }

    /** The service's class path (default: {@link #serviceClassPath()}). */
    public Builder classPath(String value) {
      this.classPath = value;
      return this;
    }

    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** Further {@code key=value} agent options, comma-separated (e.g. {@code strict=true}). */
    public Builder agentOptions(String options) {
      this.extraAgentOptions = options;
      return this;
    }

    public AgentJvm start() {
      int metricsPort = port >= 0 ? port : freePort();
      List<String> command = new ArrayList<>();
      command.add(javaHome.resolve("bin/java").toString());
      command.add("-Xshare:auto");
      command.addAll(jvmArgs);
      if (agent) {
        StringBuilder options = new StringBuilder("port=").append(metricsPort);
        if (config != null) {
          options.append(",config=").append(config.toAbsolutePath());
        }
        if (!extraAgentOptions.isEmpty()) {
          options.append(',').append(extraAgentOptions);
        }
        command.add("-javaagent:" + agentJar() + "=" + options);
      }
      command.addAll(laterAgents);
      command.add("-cp");
      command.add(classPath != null ? classPath : serviceClassPath());
      command.add(mainClass);
      command.addAll(args);
      try {
        Path output = Files.createTempFile("agent-jvm-", ".log");
        output.toFile().deleteOnExit();
        ProcessBuilder builder =
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        return new AgentJvm(builder.start(), output, metricsPort);
      } catch (IOException e) {
        throw new IllegalStateException("cannot fork " + command, e);
      }
    }
  }
}
