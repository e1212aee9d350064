package io.qnwis.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.protocol.CompleteableCommand;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.tracing.TraceContext;
import io.lettuce.core.tracing.Tracer;
import io.lettuce.core.tracing.Tracing;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' network-free connection: it must answer like Redis, hold pipelined commands until
 * the flush, and take commands through Lettuce's command handler, where a tracing agent hooks in.
 */
class InMemoryRedisTest {

  private final CountingTracing tracing = new CountingTracing();
  private final ClientResources resources =
      DefaultClientResources.builder().tracing(tracing).build();
  private final StatefulRedisConnection<String, String> connection =
      InMemoryRedis.connect(resources);

  @AfterEach
  void close() {
    connection.close();
    resources.shutdown(0, 0, TimeUnit.SECONDS);
  }

  @Test
  void answersSyncCommandsAsRedisDoes() {
    assertThat(connection.sync().get("qnwis:dash:k")).isEqualTo("value");
    assertThat(connection.sync().setex("qnwis:query:k", 60, "v")).isEqualTo("OK");
  }

  @Test
  void pipelinedCommandsCompleteOnTheFlushEachWithItsOwnReply() throws Exception {
    connection.setAutoFlushCommands(false);
    RedisAsyncCommands<String, String> async = connection.async();
    List<RedisFuture<String>> futures = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      futures.add(async.get("qnwis:dash:" + i));
      futures.add(async.setex("qnwis:query:" + i, 60, "v"));
    }
    assertThat(futures).noneMatch(RedisFuture::isDone);

    connection.flushCommands();

    for (int i = 0; i < futures.size(); i++) {
      assertThat(futures.get(i).get(0, TimeUnit.SECONDS)).isEqualTo(i % 2 == 0 ? "value" : "OK");
    }
  }

  @Test
  void everyCommandPassesLettucesTracingHook() {
    connection.sync().get("qnwis:dash:k");
    connection.sync().setex("qnwis:query:k", 60, "v");

    assertThat(tracing.started).hasValue(2);
    assertThat(tracing.finished).hasValue(2);
  }

  /** Counts the spans Lettuce's command handler starts, and those that end with their command. */
  private static final class CountingTracing implements Tracing {
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();

    private final Tracer tracer =
        new Tracer() {
          @Override
          public Span nextSpan() {
            return new CountingSpan();
          }

          @Override
          public Span nextSpan(TraceContext context) {
            return new CountingSpan();
          }
        };

    @Override
    public io.lettuce.core.tracing.TracerProvider getTracerProvider() {
      return () -> tracer;
    }

    @Override
    public io.lettuce.core.tracing.TraceContextProvider initialTraceContextProvider() {
      return () -> TraceContext.EMPTY;
    }

    @Override
    public boolean isEnabled() {
      return true;
    }

    @Override
    public boolean includeCommandArgsInSpanTags() {
      return false;
    }

    @Override
    public Endpoint createEndpoint(SocketAddress address) {
      return new Endpoint() {};
    }

    private final class CountingSpan extends Tracer.Span {
      @Override
      public Tracer.Span start(RedisCommand<?, ?, ?> command) {
        started.incrementAndGet();
        // As Lettuce's own tracers do: the span ends when its command completes.
        ((CompleteableCommand<?>) command).onComplete((output, error) -> finish());
        return this;
      }

      @Override
      public Tracer.Span name(String name) {
        return this;
      }

      @Override
      public Tracer.Span annotate(String value) {
        return this;
      }

      @Override
      public Tracer.Span tag(String key, String value) {
        return this;
      }

      @Override
      public Tracer.Span error(Throwable error) {
        return this;
      }

      @Override
      public Tracer.Span remoteEndpoint(Endpoint endpoint) {
        return this;
      }

      @Override
      public void finish() {
        finished.incrementAndGet();
      }
    }
  }
}
