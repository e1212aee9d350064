package io.qnwis.sample.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Cache-aside on Redis through Lettuce: GET and MGET to read, SET with a fixed TTL (EX) to write.
 *
 * <p>Redis is an optimisation, never a dependency: when it is unreachable the service logs that
 * once, answers uncached, and resumes caching when Redis is back (Lettuce reconnects an established
 * connection by itself; a connection never established is retried every few seconds).
 */
public final class ResultCache implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ResultCache.class.getName());
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
  private static final long CONNECT_RETRY_NANOS = Duration.ofSeconds(2).toNanos();

  private final String prefix;
  private final SetArgs ttl;
  private final String where;
  private final ClientResources resources;
  private final RedisClient client;
  private final ReentrantLock connecting = new ReentrantLock();
  private final AtomicBoolean reachable = new AtomicBoolean(true);
  private volatile StatefulRedisConnection<String, String> connection;
  private volatile long nextConnectAttempt = System.nanoTime();

  public ResultCache(String redisUrl, String prefix, Duration ttl) {
    RedisURI uri = RedisURI.create(redisUrl);
    uri.setTimeout(COMMAND_TIMEOUT);
    this.prefix = prefix;
    this.ttl = SetArgs.Builder.ex(ttl.getSeconds());
    this.where = uri.getHost() + ":" + uri.getPort(); // never the password
    // A constant reconnect delay: after an outage caching resumes within a second or so,
    // instead of after Lettuce's exponential back-off (up to 30 s).
    this.resources =
        ClientResources.builder().reconnectDelay(Delay.constant(Duration.ofSeconds(1))).build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            // Fail fast while disconnected rather than queue commands until they time out.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .build());
    // Connect and PING now: an unreachable Redis is reported at start-up, and the first request
    // does not pay for Lettuce's warm-up.
    RedisCommands<String, String> redis = commands();
    if (redis != null) {
      try {
        redis.ping();
      } catch (RedisException e) {
        failed(e);
      }
    }
  }

  /** The full key for a key suffix such as {@code query:simple:ICT:2024}. */
  public String key(String suffix) {
    return prefix + suffix;
  }

  /** The cached value, or null on a miss or when Redis is unavailable. */
  public String get(String key) {
    RedisCommands<String, String> redis = commands();
    if (redis == null) {
      return null;
    }
    try {
      String value = redis.get(key);
      markReachable();
      return value;
    } catch (RedisException e) {
      failed(e);
      return null;
    }
  }

  /** The cached values in key order, null for each miss (all null when Redis is unavailable). */
  public List<String> mget(List<String> keys) {
    List<String> values = new ArrayList<>(Arrays.asList(new String[keys.size()]));
    RedisCommands<String, String> redis = commands();
    if (redis == null || keys.isEmpty()) {
      return values;
    }
    try {
      List<KeyValue<String, String>> found = redis.mget(keys.toArray(new String[0]));
      for (int i = 0; i < found.size(); i++) {
        values.set(i, found.get(i).getValueOrElse(null));
      }
      markReachable();
    } catch (RedisException e) {
      failed(e);
    }
    return values;
  }

  /** Stores a value with the fixed TTL; silently skipped when Redis is unavailable. */
  public void put(String key, String value) {
    RedisCommands<String, String> redis = commands();
    if (redis == null) {
      return;
    }
    try {
      redis.set(key, value, ttl);
      markReachable();
    } catch (RedisException e) {
      failed(e);
    }
  }

  /**
   * Removes every key under this cache's prefix (SCAN + UNLINK), so a run starts cold; returns how
   * many were removed, or -1 if Redis is unavailable.
   */
  public long clear() {
    RedisCommands<String, String> redis = commands();
    if (redis == null) {
      return -1;
    }
    try {
      long removed = 0;
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
        if (!page.getKeys().isEmpty()) {
          removed += redis.unlink(page.getKeys().toArray(new String[0]));
        }
        cursor = page;
      } while (!cursor.isFinished());
      return removed;
    } catch (RedisException e) {
      failed(e);
      return -1;
    }
  }

  /** Whether the last Redis call succeeded (for /healthz). */
  public boolean reachable() {
    return connection != null && reachable.get();
  }

  @Override
  public void close() {
    StatefulRedisConnection<String, String> open = connection;
    if (open != null) {
      open.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown();
  }

  private RedisCommands<String, String> commands() {
    StatefulRedisConnection<String, String> open = connection;
    if (open != null) {
      return open.sync();
    }
    // Only one request thread tries to connect, at most every CONNECT_RETRY_NANOS; the others
    // go uncached meanwhile rather than wait.
    if (System.nanoTime() - nextConnectAttempt < 0 || !connecting.tryLock()) {
      return null;
    }
    try {
      if (connection == null) {
        connection = client.connect();
        markReachable();
      }
      return connection.sync();
    } catch (RedisException e) {
      nextConnectAttempt = System.nanoTime() + CONNECT_RETRY_NANOS;
      failed(e);
      return null;
    } finally {
      connecting.unlock();
    }
  }

  private void failed(RedisException e) {
    if (e instanceof RedisCommandTimeoutException) {
      return; // a slow command is a miss, not an outage
    }
    if (reachable.compareAndSet(true, false)) {
      LOG.warning(
          "Redis unreachable at "
              + where
              + " ("
              + e.getMessage()
              + "); serving uncached until it returns");
    }
  }

  private void markReachable() {
    if (!reachable.get() && reachable.compareAndSet(false, true)) {
      LOG.info("Redis reachable again at " + where + "; caching resumed");
    }
  }
}
