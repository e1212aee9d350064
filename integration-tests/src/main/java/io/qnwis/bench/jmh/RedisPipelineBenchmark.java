package io.qnwis.bench.jmh;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Pipelined async Lettuce commands on the local Redis (127.0.0.1:6379, or {@code
 * -Dqnwis.redis.url}): {@value #BATCH} commands written with auto-flush off, flushed once, then
 * awaited. With that many in flight the server round trip is shared, so the figure per command is
 * dominated by client CPU (encoding, the event loop, completing futures) and an agent's added cost
 * per command is not hidden by network wait as it is for a sync round trip. The server and the
 * event loop still share the machine's cores with the client, so the {@code WithoutNetwork} methods
 * run the same pipelines through Lettuce's own pipeline over an in-memory channel that answers them
 * on flush ({@link InMemoryRedis}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RedisPipelineBenchmark {

  static final int BATCH = 100;

  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisAsyncCommands<String, String> async;
  private final RedisFuture<?>[] futures = new RedisFuture<?>[BATCH];
  private String hitKey;
  private String writeKey;

  @Setup(Level.Trial)
  public void setUp() {
    client = RedisClient.create(System.getProperty("qnwis.redis.url", "redis://127.0.0.1:6379"));
    connection = client.connect();
    // Keys in the sample config's regions, so this agent's mode runs its cache policies too:
    // hits counted in "dashboard", writes going through the adaptive TTL of "query".
    String id = "bench:" + UUID.randomUUID();
    hitKey = "qnwis:dash:" + id;
    writeKey = "qnwis:query:" + id;
    connection.sync().set(hitKey, "cached-value");
    connection.setAutoFlushCommands(false);
    async = connection.async();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    connection.setAutoFlushCommands(true);
    connection.sync().del(hitKey, writeKey);
    connection.close();
    client.shutdown();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void pipelinedGet() {
    for (int i = 0; i < BATCH; i++) {
      futures[i] = async.get(hitKey);
    }
    flushAndAwait();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void pipelinedSetEx() {
    for (int i = 0; i < BATCH; i++) {
      futures[i] = async.setex(writeKey, 60, "value");
    }
    flushAndAwait();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void pipelinedGetWithoutNetwork(InMemory memory) {
    for (int i = 0; i < BATCH; i++) {
      memory.futures[i] = memory.async.get(hitKey);
    }
    flushAndAwait(memory.connection, memory.futures);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void pipelinedSetExWithoutNetwork(InMemory memory) {
    for (int i = 0; i < BATCH; i++) {
      memory.futures[i] = memory.async.setex(writeKey, 60, "value");
    }
    flushAndAwait(memory.connection, memory.futures);
  }

  private void flushAndAwait() {
    flushAndAwait(connection, futures);
  }

  private static void flushAndAwait(
      StatefulRedisConnection<String, String> connection, RedisFuture<?>[] futures) {
    connection.flushCommands();
    if (!LettuceFutures.awaitAll(5, TimeUnit.SECONDS, futures)) {
      throw new IllegalStateException("pipelined commands did not complete within 5 s");
    }
  }

  /**
   * The same pipelining over an in-memory channel that answers the flushed commands ({@link
   * InMemoryRedis}): all {@value #BATCH} are in flight until the flush, as on the network, but
   * without the server and the event loop sharing the machine's cores with the client.
   */
  @State(Scope.Thread)
  public static class InMemory {
    private ClientResources resources;
    private StatefulRedisConnection<String, String> connection;
    private RedisAsyncCommands<String, String> async;
    private final RedisFuture<?>[] futures = new RedisFuture<?>[BATCH];

    @Setup(Level.Trial)
    public void connect() {
      resources = DefaultClientResources.create();
      connection = InMemoryRedis.connect(resources);
      connection.setAutoFlushCommands(false);
      async = connection.async();
    }

    @TearDown(Level.Trial)
    public void shutdown() {
      connection.close();
      resources.shutdown();
    }
  }
}
