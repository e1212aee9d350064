package io.qnwis.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The three JVM configurations every figure is measured in: no agent, this agent (observation and
 * the policies of the sample config, {@code bench/agent.yaml}), and the OpenTelemetry Java agent
 * with its Prometheus metrics exporter on a loopback port and its trace and log exporters off.
 *
 * <p>Jar locations come from the system properties {@code qnwis.agent.jar} and {@code
 * qnwis.otel.jar} (set by {@code scripts/perf.sh}), defaulting to the build's output paths.
 */
public enum Mode {
  NONE("none", "no agent"),
  AGENT("agent", "this agent"),
  OTEL("otel", "OpenTelemetry agent");

  private final String id;
  private final String title;

  Mode(String id, String title) {
    this.id = id;
    this.title = title;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public static Mode byId(String id) {
    for (Mode mode : values()) {
      if (mode.id.equals(id)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown mode '" + id + "' (none, agent, otel)");
  }

  /**
   * The modes in the order to run them in round {@code round}: rotated by one each round, so that
   * over rounds no mode always runs first (after a quiet spell) or last.
   */
  public static List<Mode> rotated(List<Mode> modes, int round) {
    List<Mode> order = new ArrayList<>(modes);
    if (!order.isEmpty()) {
      Collections.rotate(order, -(round % order.size()));
    }
    return order;
  }

  /**
   * JVM options that attach this mode's agent; a fresh loopback port for exporters that need one.
   */
  public List<String> jvmArgs() {
    List<String> args = new ArrayList<>();
    switch (this) {
      case NONE -> {}
      case AGENT ->
          // port=0: the agent's endpoint binds an ephemeral port, so runs never collide.
          args.add("-javaagent:" + agentJar() + "=port=0,config=" + agentConfig());
      case OTEL -> {
        args.add("-javaagent:" + otelJar());
        args.add("-Dotel.service.name=qnwis-bench");
        args.add("-Dotel.traces.exporter=none");
        args.add("-Dotel.logs.exporter=none");
        args.add("-Dotel.metrics.exporter=prometheus");
        args.add("-Dotel.exporter.prometheus.host=127.0.0.1");
        args.add("-Dotel.exporter.prometheus.port=" + Ports.free());
      }
    }
    return args;
  }

  /** Why this mode cannot run here, or null when it can. */
  public String unavailable() {
    return switch (this) {
      case NONE -> null;
      case AGENT -> Files.isRegularFile(agentJar()) ? null : "agent jar missing: " + agentJar();
      case OTEL ->
          Files.isRegularFile(otelJar()) ? null : "OpenTelemetry agent missing: " + otelJar();
    };
  }

  public static Path agentJar() {
    return Path.of(System.getProperty("qnwis.agent.jar", "agent/target/qnwis-agent.jar"))
        .toAbsolutePath();
  }

  public static Path otelJar() {
    return Path.of(
            System.getProperty(
                "qnwis.otel.jar", "integration-tests/target/otel/opentelemetry-javaagent.jar"))
        .toAbsolutePath();
  }

  /**
   * The agent config the report runs with: {@code -Dqnwis.bench.agent.config} if given, else the
   * bundled {@code bench/agent.yaml} copied out of the class path to a file the agent can read.
   */
  public static synchronized Path agentConfig() {
    String given = System.getProperty("qnwis.bench.agent.config");
    if (given != null && !given.isEmpty()) {
      return Path.of(given).toAbsolutePath();
    }
    try (InputStream in = Mode.class.getResourceAsStream("/bench/agent.yaml")) {
      if (in == null) {
        throw new IllegalStateException("bench/agent.yaml missing from the class path");
      }
      Path file = Path.of(System.getProperty("java.io.tmpdir"), "qnwis-bench-agent.yaml");
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
