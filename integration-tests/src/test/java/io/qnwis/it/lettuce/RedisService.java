package io.qnwis.it.lettuce;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.KeyValueStreamingChannel;
import io.lettuce.core.protocol.CommandArgs;
import io.qnwis.it.support.AgentJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A service using Lettuce the ordinary way (it knows nothing of the agent), driven by the test one
 * line at a time on standard input: {@code SCENARIO PREFIX}. Each scenario prints its findings,
 * then {@code DONE SCENARIO}. Every key it touches starts with the test's unique prefix.
 */
public final class RedisService {

  private final RedisCommands<String, String> sync;
  private final RedisAsyncCommands<String, String> async;
  private final StatefulRedisConnection<String, String> connection;

  private RedisService(StatefulRedisConnection<String, String> connection) {
    this.connection = connection;
    this.sync = connection.sync();
    this.async = connection.async();
  }

  public static void main(String[] args) throws Exception {
    RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisService service = new RedisService(connection);
      System.out.println(AgentJvm.READY);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] words = line.trim().split(" ");
        try {
          service.run(words[0], words[1]);
        } catch (Exception e) {
          System.out.println("FAILED " + e);
        }
        System.out.println("DONE " + words[0]);
        System.out.flush();
      }
    } finally {
      client.shutdown();
    }
  }

  private void run(String scenario, String prefix) throws Exception {
    switch (scenario) {
      case "apis" -> apis(prefix);
      case "reads" -> reads(prefix);
      case "streamedreads" -> streamedReads(prefix);
      case "wrongtype" -> wrongType(prefix);
      case "writes" -> writes(prefix);
      case "timeout" -> timeout(prefix);
      case "shape" -> shape();
      default -> throw new IllegalArgumentException(scenario);
    }
  }

  /**
   * Prints {@code SLOT true} if Lettuce's {@code Command} carries the agent's slot field (its class
   * loaded after the agent), else {@code SLOT false}.
   */
  private void shape() {
    boolean slot = false;
    for (Class<?> type : io.lettuce.core.protocol.Command.class.getInterfaces()) {
      slot |= type.getName().equals("io.qnwis.agent.bootstrap.lettuce.CommandSlot");
    }
    System.out.println("SLOT " + slot);
  }

  /** Each API with its own command, so each count is exact on its own. */
  private void apis(String prefix) throws Exception {
    String key = prefix + ":counter";
    for (int i = 0; i < 3; i++) {
      sync.get(key); // GET x3
    }
    List<RedisFuture<Long>> futures = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      futures.add(async.exists(key)); // EXISTS x4
    }
    for (RedisFuture<Long> future : futures) {
      future.get(5, TimeUnit.SECONDS);
    }
    connection.setAutoFlushCommands(false);
    List<RedisFuture<Long>> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(async.incr(key)); // INCR x10, one pipelined batch
    }
    connection.flushCommands();
    connection.setAutoFlushCommands(true);
    for (RedisFuture<Long> future : batch) {
      future.get(5, TimeUnit.SECONDS);
    }
    for (int i = 0; i < 5; i++) {
      connection.reactive().strlen(key).block(); // STRLEN x5
    }
    sync.del(key); // DEL x1
  }

  /** Hits and misses in two regions, {@code PREFIX-a} and {@code PREFIX-b}. */
  private void reads(String prefix) throws Exception {
    String a = prefix + "-a:";
    String b = prefix + "-b:";
    sync.set(a + "1", "x");
    sync.set(b + "1", "y");
    sync.hset(a + "h", "f1", "v");
    sync.get(a + "1"); // a: hit
    sync.get(a + "none"); // a: miss
    sync.mget(a + "1", b + "1", b + "none"); // a: hit; b: hit, miss
    sync.hget(a + "h", "f1"); // a: hit
    sync.hget(a + "h", "none"); // a: miss
    sync.hmget(a + "h", "f1", "none", "none2"); // a: hit, miss, miss
    async.get(b + "1").get(5, TimeUnit.SECONDS); // b: hit
    async.get(b + "none").get(5, TimeUnit.SECONDS); // b: miss
  }

  /**
   * Reads whose values Lettuce streams instead of collecting them: the reactive API and the
   * streaming channels, each in its own region ({@code PREFIX-<api>}), so each count is exact.
   */
  private void streamedReads(String prefix) throws Exception {
    RedisReactiveCommands<String, String> reactive = connection.reactive();
    String get = prefix + "-rget:";
    String mget = prefix + "-rmget:";
    String mgetOther = prefix + "-rmget2:";
    String hmget = prefix + "-rhmget:";
    String channel = prefix + "-cmget:";
    String asyncChannel = prefix + "-camget:";
    String hashChannel = prefix + "-chmget:";
    sync.mset(
        Map.of(
            get + "1", "v",
            mget + "1", "v",
            mgetOther + "1", "v",
            channel + "1", "v",
            channel + "2", "v",
            asyncChannel + "1", "v"));
    sync.hset(hmget + "h", "f1", "v");
    sync.hset(hashChannel + "h", "f1", "v");

    reactive.get(get + "1").block(); // rget: hit
    reactive.get(get + "none").block(); // rget: miss
    List<KeyValue<String, String>> values =
        reactive.mget(mget + "1", mget + "none", mgetOther + "1").collectList().block();
    System.out.println("reactive mget " + values.size()); // rmget: hit, miss; rmget2: hit
    List<KeyValue<String, String>> fields =
        reactive.hmget(hmget + "h", "f1", "none", "none2").collectList().block();
    System.out.println("reactive hmget " + fields.size()); // rhmget: hit, 2 misses

    List<String> streamed = new ArrayList<>();
    KeyValueStreamingChannel<String, String> keyValues = (key, value) -> streamed.add(key);
    sync.mget(keyValues, channel + "1", channel + "none", channel + "2"); // cmget: 2 hits, miss
    async
        .mget(keyValues, asyncChannel + "none", asyncChannel + "1")
        .get(5, TimeUnit.SECONDS); // camget: miss, hit
    sync.hmget(keyValues, hashChannel + "h", "none", "f1"); // chmget: miss, hit
    System.out.println("streamed " + streamed.size());
  }

  private void wrongType(String prefix) {
    sync.hset(prefix + ":hash", "f", "v");
    try {
      sync.get(prefix + ":hash");
    } catch (RuntimeException expected) {
      System.out.println("error " + expected.getClass().getSimpleName());
    }
  }

  /** The writes the TTL policies rewrite; prints each key's TTL as Redis reports it. */
  private void writes(String prefix) {
    SetArgs shared = SetArgs.Builder.ex(7);
    sync.set(prefix + ":set-ex", "v", SetArgs.Builder.ex(5));
    sync.set(prefix + ":set", "v");
    sync.set(prefix + ":set-shared", "v", shared);
    sync.setex(prefix + ":setex", 5, "v");
    sync.psetex(prefix + ":psetex", 5000, "v");
    sync.set(prefix + ":expire", "v");
    sync.expire(prefix + ":expire", 5);
    // An absolute expiry is the service's to keep; KEEPTTL must then keep it.
    sync.set(prefix + ":keepttl", "v");
    sync.pexpireat(prefix + ":keepttl", System.currentTimeMillis() + 9_000);
    sync.set(prefix + ":keepttl", "w", SetArgs.Builder.keepttl());
    for (String key :
        List.of("set-ex", "set", "set-shared", "setex", "psetex", "expire", "keepttl")) {
      System.out.println("ttl " + key + " " + sync.ttl(prefix + ":" + key));
    }
    CommandArgs<String, String> built = new CommandArgs<>(StringCodec.UTF8);
    shared.build(built);
    System.out.println("shared " + built.toCommandString());
  }

  /** A command that blocks for 2 s, sync then async. */
  private void timeout(String prefix) throws InterruptedException {
    try {
      sync.blpop(2, prefix + ":empty");
      System.out.println("sync returned");
    } catch (RuntimeException e) {
      System.out.println("sync " + e.getClass().getName() + ": " + e.getMessage());
    }
    try {
      async.blpop(2, prefix + ":empty").get();
      System.out.println("async returned");
    } catch (ExecutionException e) {
      System.out.println("async " + e.getCause().getClass().getName());
    }
  }
}
