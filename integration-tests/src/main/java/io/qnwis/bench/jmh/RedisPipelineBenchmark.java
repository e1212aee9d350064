package io.qnwis.bench.jmh;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
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
 * Pipelined async Lettuce commands on the local Redis ({@link BenchRedis}): {@value #BATCH}
 * commands written with auto-flush off, flushed once, then awaited. With that many in flight the
 * server round trip is shared, so the figure per command is dominated by client CPU (encoding, the
 * event loop, completing futures) and an agent's added cost per command is not hidden by network
 * wait as it is for a sync round trip. The server and the event loop still share the machine's
 * cores with the client, so the {@code WithoutNetwork} methods run the same pipelines through
 * Lettuce's own pipeline over an in-memory channel that answers them on flush ({@link
 * InMemoryRedis}).
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
  private final BenchRedis.Keys keys = BenchRedis.Keys.unique();

  @Setup(Level.Trial)
  public void setUp() {
    client = BenchRedis.client();
    connection = client.connect();
    connection.sync().set(keys.hit(), "cached-value");
    connection.setAutoFlushCommands(false);
    async = connection.async();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    connection.setAutoFlushCommands(true);
    connection.sync().del(keys.hit(), keys.write());
    connection.close();
    client.shutdown();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void pipelinedGet() {
    for (int i = 0; i < BATCH; i++) {
      futures[i] = async.get(keys.hit());
    }
    flushAndAwait();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void pipelinedSetEx() {
    for (int i = 0; i < BATCH; i++) {
      futures[i] = async.setex(keys.write(), 60, "value");
    }
    flushAndAwait();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void pipelinedGetWithoutNetwork(InMemory memory) {
    for (int i = 0; i < BATCH; i++) {
      memory.futures[i] = memory.async.get(keys.hit());
    }
    flushAndAwait(memory.connection, memory.futures);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void pipelinedSetExWithoutNetwork(InMemory memory) {
    for (int i = 0; i < BATCH; i++) {
      memory.futures[i] = memory.async.setex(keys.write(), 60, "value");
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
    private InMemoryRedis memory;
    private StatefulRedisConnection<String, String> connection;
    private RedisAsyncCommands<String, String> async;
    private final RedisFuture<?>[] futures = new RedisFuture<?>[BATCH];

    @Setup(Level.Trial)
    public void connect() {
      memory = new InMemoryRedis();
      connection = memory.connection();
      connection.setAutoFlushCommands(false);
      async = connection.async();
    }

    @TearDown(Level.Trial)
    public void shutdown() {
      memory.close();
    }
  }
}
