package io.qnwis.it.sample;

import io.qnwis.it.support.AgentJvm;
import io.qnwis.it.support.Jdks;
import io.qnwis.sample.SampleApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The sample service in a forked JVM, with or without the agent, on a database given by its {@code
 * QNWIS_*} variables, caching under a key prefix of its own.
 */
final class SampleService implements AutoCloseable {

  /** Postings rows for tests: the schema and queries are the same, start-up is quicker. */
  static final String TEST_POSTINGS = "20000";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One answer: status, body and the X-Cache header (null if absent). */
  record Answer(int status, String body, String cache) {}

  private final AgentJvm jvm;
  private final int port;
  private final String cachePrefix;

  private SampleService(AgentJvm jvm, int port, String cachePrefix) {
    this.jvm = jvm;
    this.port = port;
    this.cachePrefix = cachePrefix;
  }

  static String uniquePrefix() {
    return "qnwis-it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  /** Starts the service and waits until it listens. */
  static SampleService start(boolean withAgent, Map<String, String> env) {
    return start(withAgent, env, uniquePrefix());
  }

  static SampleService start(boolean withAgent, Map<String, String> env, String cachePrefix) {
    return start(withAgent, env, cachePrefix, false);
  }

  /**
   * With {@code sampleConfig}, the agent runs on {@code sample-app/agent.yaml} with its regions
   * moved under this service's cache prefix, so the policies act on this test's keys only.
   */
  static SampleService start(
      boolean withAgent, Map<String, String> env, String cachePrefix, boolean sampleConfig) {
    return start(withAgent, env, cachePrefix, sampleConfig, Jdks.current());
  }

  static SampleService start(
      boolean withAgent,
      Map<String, String> env,
      String cachePrefix,
      boolean sampleConfig,
      Path javaHome) {
    int port = AgentJvm.freePort();
    AgentJvm.Builder builder =
        AgentJvm.builder(SampleApp.class)
            .javaHome(javaHome)
            .args(String.valueOf(port))
            .env("QNWIS_CACHE_PREFIX", cachePrefix)
            .env("QNWIS_DATA_POSTINGS", TEST_POSTINGS)
            .env("QNWIS_DB_POOL_SIZE", "4");
    env.forEach(builder::env);
    if (!withAgent) {
      builder.withoutAgent();
    } else if (sampleConfig) {
      builder.config(sampleConfig(cachePrefix));
    }
    AgentJvm jvm = builder.start();
    try {
      jvm.awaitOutput(SampleApp.STARTED, Duration.ofSeconds(120));
      if (withAgent) {
        jvm.awaitEndpoint();
      }
    } catch (AssertionError e) {
      jvm.close();
      throw e;
    }
    return new SampleService(jvm, port, cachePrefix);
  }

  static Path sampleConfig(String cachePrefix) {
    try {
      String yaml =
          Files.readString(Path.of("../sample-app/agent.yaml"))
              .replace("\"qnwis:query:*\"", "\"" + cachePrefix + "query:*\"")
              .replace("\"qnwis:dash:*\"", "\"" + cachePrefix + "dash:*\"");
      Path file = Files.createTempFile("sample-agent-", ".yaml");
      file.toFile().deleteOnExit();
      return Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  AgentJvm jvm() {
    return jvm;
  }

  String cachePrefix() {
    return cachePrefix;
  }

  Answer get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Answer(
        response.statusCode(),
        response.body(),
        response.headers().firstValue("X-Cache").orElse(null));
  }

  /** Each path asked twice (the first answer computed, the second normally cached). */
  Map<String, Answer[]> askTwice(Iterable<String> paths) throws Exception {
    Map<String, Answer[]> answers = new LinkedHashMap<>();
    for (String path : paths) {
      answers.put(path, new Answer[] {get(path), get(path)});
    }
    return answers;
  }

  @Override
  public void close() {
    jvm.close();
  }
}
