package io.qnwis.it.sample;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;

/** Direct access to the test Redis, to look at and remove what a test's service cached. */
final class RedisKeys {

  static final String URL = "redis://127.0.0.1:6379";

  private RedisKeys() {}

  static <T> T with(String url, java.util.function.Function<RedisCommands<String, String>, T> use) {
    RedisClient client = RedisClient.create(url);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return use.apply(connection.sync());
    } finally {
      client.shutdown();
    }
  }

  static List<String> keys(String url, String prefix) {
    return with(
        url,
        redis -> {
          List<String> keys = new ArrayList<>();
          ScanCursor cursor = ScanCursor.INITIAL;
          do {
            KeyScanCursor<String> page =
                redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
            keys.addAll(page.getKeys());
            cursor = page;
          } while (!cursor.isFinished());
          return keys;
        });
  }

  static void delete(String url, String prefix) {
    List<String> keys = keys(url, prefix);
    if (!keys.isEmpty()) {
      with(url, redis -> redis.del(keys.toArray(new String[0])));
    }
  }
}
