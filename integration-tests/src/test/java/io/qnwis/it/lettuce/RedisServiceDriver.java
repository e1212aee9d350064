package io.qnwis.it.lettuce;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.qnwis.it.support.AgentJvm;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Drives a forked {@link RedisService}: one scenario at a time, with the lines it printed. */
final class RedisServiceDriver implements AutoCloseable {

  private final AgentJvm jvm;
  private final String prefix;

  RedisServiceDriver(AgentJvm jvm) {
    this(jvm, "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
  }

  /** {@code prefix}: the test's unique key prefix (no {@code :} in it). */
  RedisServiceDriver(AgentJvm jvm, String prefix) {
    this.jvm = jvm;
    this.prefix = prefix;
    jvm.awaitReady().awaitEndpoint();
  }

  AgentJvm jvm() {
    return jvm;
  }

  /** This test's key prefix (also the name of the region its keys fall in by default). */
  String prefix() {
    return prefix;
  }

  /** Runs {@code scenario} on this test's prefix; returns what it printed. */
  List<String> run(String scenario) {
    String before = jvm.output();
    int done = count(before, "DONE ");
    jvm.tell(scenario + " " + prefix);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (count(jvm.output(), "DONE ") == done) {
      if (System.nanoTime() > deadline || !jvm.process().isAlive()) {
        throw new AssertionError("scenario " + scenario + " did not finish:\n" + jvm.output());
      }
      sleep();
    }
    String output = jvm.output();
    List<String> lines = new ArrayList<>();
    String[] all = output.substring(before.length()).split("\n");
    for (String line : all) {
      if (line.startsWith("DONE ")) {
        break;
      }
      if (line.startsWith("FAILED ")) {
        throw new AssertionError(scenario + ": " + line + "\n" + output);
      }
      lines.add(line);
    }
    return lines;
  }

  /** Stops the service and deletes every key of this test (from this JVM, not the service). */
  @Override
  public void close() {
    jvm.close();
    RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      List<String> keys = connection.sync().keys(prefix + "*");
      if (!keys.isEmpty()) {
        connection.sync().del(keys.toArray(new String[0]));
      }
    } finally {
      client.shutdown();
    }
  }

  private static int count(String text, String marker) {
    int count = 0;
    for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
      count++;
    }
    return count;
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
