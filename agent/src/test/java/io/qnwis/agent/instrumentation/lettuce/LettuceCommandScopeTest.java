package io.qnwis.agent.instrumentation.lettuce;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.KeyValueListOutput;
import io.lettuce.core.output.KeyValueStreamingOutput;
import io.lettuce.core.output.ValueListOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.qnwis.agent.bootstrap.lettuce.LettuceBridge;
import io.qnwis.agent.config.AgentConfig.RedisConfig;
import io.qnwis.agent.metrics.AgentMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The scope driven directly with real Lettuce commands, as the advice would drive it. */
class LettuceCommandScopeTest {

  private final AgentMetrics metrics = new AgentMetrics(200, "test");
  private final CacheRegions regions = new CacheRegions(metrics);
  private final InFlightCommands inFlight = new InFlightCommands();
  private final LettuceCommandScope scope = new LettuceCommandScope(metrics, regions, inFlight);

  {
    regions.apply(RedisConfig.defaults());
  }

  private static Command<String, String, ?> command(
      CommandType type, CommandOutput<String, String, ?> output, String... keys) {
    CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8);
    for (String key : keys) {
      args.addKey(key);
    }
    return new Command<>(type, output, args);
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private double counter(String name, String label, String value) {
    for (MetricSnapshot snapshot : metrics.registry().scrape()) {
      if (snapshot instanceof CounterSnapshot counters
          && counters.getMetadata().getPrometheusName().equals(name)) {
        for (CounterSnapshot.CounterDataPointSnapshot point : counters.getDataPoints()) {
          if (value.equals(point.getLabels().get(label))) {
            return point.getValue();
          }
        }
      }
    }
    return 0;
  }

  private long latencyCount(String command) {
    for (MetricSnapshot snapshot : metrics.registry().scrape()) {
      if (snapshot instanceof HistogramSnapshot histogram) {
        for (HistogramSnapshot.HistogramDataPointSnapshot point : histogram.getDataPoints()) {
          if (command.equals(point.getLabels().get("command"))) {
            return point.getCount();
          }
        }
      }
    }
    return 0;
  }

  @Test
  void countsAGetHitAndAMissInTheKeysRegion() {
    ValueOutput<String, String> found = new ValueOutput<>(StringCodec.UTF8);
    found.set(bytes("v"));
    Command<String, String, ?> hit = command(CommandType.GET, found, "user:1");
    Command<String, String, ?> miss =
        command(CommandType.GET, new ValueOutput<>(StringCodec.UTF8), "user:2");

    for (Command<String, String, ?> command : List.of(hit, miss)) {
      scope.start(command, command, command.getType());
      replied(command);
    }

    assertThat(counter("qnwis_cache_hits", "region", "user")).isEqualTo(1);
    assertThat(counter("qnwis_cache_misses", "region", "user")).isEqualTo(1);
    assertThat(latencyCount("GET")).isEqualTo(2);
  }

  @Test
  void readsTheReplyItselfWhenTheAdviceLeftItUnread() {
    ValueOutput<String, String> found = new ValueOutput<>(StringCodec.UTF8);
    found.set(bytes("v"));
    Command<String, String, ?> hit = command(CommandType.HGET, found, "user:1");

    scope.start(hit, hit, hit.getType());
    scope.replied(hit, hit.getType(), found, hit.getArgs(), LettuceBridge.UNREAD);

    assertThat(counter("qnwis_cache_hits", "region", "user")).isEqualTo(1);
    assertThat(counter("qnwis_cache_misses", "region", "user")).isZero();
  }

  /** What the completion advice does for a reply that is not an error. */
  private void replied(Command<String, String, ?> command) {
    CommandOutput<String, String, ?> output = command.getOutput();
    scope.replied(
        command,
        command.getType(),
        output,
        command.getArgs(),
        output == null ? null : output.get());
  }

  /** What the output advice does: report each element to the scope as the output takes it. */
  private void deliver(CommandOutput<String, String, ?> output, String... values) {
    for (String value : values) {
      scope.element(output, value != null);
      output.set(value == null ? null : bytes(value));
    }
  }

  @Test
  void countsEachKeyOfAnMgetInItsOwnRegionAsTheValuesArrive() {
    KeyValueListOutput<String, String> output =
        new KeyValueListOutput<>(StringCodec.UTF8, List.of("a:1", "b:1", "b:2"));
    Command<String, String, ?> mget = command(CommandType.MGET, output, "a:1", "b:1", "b:2");

    scope.start(mget, mget, mget.getType());
    output.multi(3);
    deliver(output, "x", null, "y");
    replied(mget);

    assertThat(counter("qnwis_cache_hits", "region", "a")).isEqualTo(1);
    assertThat(counter("qnwis_cache_misses", "region", "b")).isEqualTo(1);
    assertThat(counter("qnwis_cache_hits", "region", "b")).isEqualTo(1);
    assertThat(scope.multiReadsInFlight()).isZero();
  }

  @Test
  void countsAStreamedHmgetPerFieldInTheRegionOfItsHash() {
    List<String> streamed = new ArrayList<>();
    KeyValueStreamingOutput<String, String> output =
        new KeyValueStreamingOutput<>(
            StringCodec.UTF8, (key, value) -> streamed.add(key + "=" + value), List.of("f1", "f2"));
    Command<String, String, ?> hmget = command(CommandType.HMGET, output, "h:1");
    hmget.getArgs().add("f1").add("f2");

    scope.start(hmget, hmget, hmget.getType());
    deliver(output, null, "v");
    replied(hmget);

    assertThat(streamed).containsExactly("f1=null", "f2=v");
    assertThat(counter("qnwis_cache_hits", "region", "h")).isEqualTo(1);
    assertThat(counter("qnwis_cache_misses", "region", "h")).isEqualTo(1);
    assertThat(scope.multiReadsInFlight()).isZero();
  }

  @Test
  void ignoresElementsOfOtherCommandsAndOfCompletedReads() {
    ValueListOutput<String, String> lrange = new ValueListOutput<>(StringCodec.UTF8);
    Command<String, String, ?> other = command(CommandType.LRANGE, lrange, "l:1");
    ValueListOutput<String, String> mgetOutput = new ValueListOutput<>(StringCodec.UTF8);
    Command<String, String, ?> mget = command(CommandType.MGET, mgetOutput, "l:1");

    lrange.multi(2);
    mgetOutput.multi(2);
    scope.start(other, other, other.getType());
    scope.start(mget, mget, mget.getType());
    deliver(lrange, "a", null);
    replied(other);
    deliver(mgetOutput, "x");
    replied(mget);
    deliver(mgetOutput, "late");

    assertThat(counter("qnwis_cache_hits", "region", "l")).isEqualTo(1);
    assertThat(counter("qnwis_cache_misses", "region", "l")).isZero();
  }

  @Test
  void observesACommandOnceHoweverManyWrappersComplete() {
    Command<String, String, ?> inner =
        command(CommandType.GET, new ValueOutput<>(StringCodec.UTF8), "k:1");
    AsyncCommand<String, String, ?> outer = new AsyncCommand<>(inner);

    scope.start(inner, outer, inner.getType());
    replied(inner); // AsyncCommand.complete()
    replied(inner); // then Command.complete()

    assertThat(latencyCount("GET")).isEqualTo(1);
    assertThat(inFlight.size()).isZero();
  }

  @Test
  void countsErrorRepliesFailuresAndCancellationsAsErrorsWithoutHitsOrMisses() {
    Command<String, String, ?> failed =
        command(CommandType.GET, new ValueOutput<>(StringCodec.UTF8), "k:1");
    Command<String, String, ?> cancelled =
        command(CommandType.GET, new ValueOutput<>(StringCodec.UTF8), "k:2");
    scope.start(failed, failed, failed.getType());
    scope.failed(
        failed,
        failed.getType(),
        failed.getOutput(),
        new IllegalStateException("connection closed"));
    scope.start(cancelled, cancelled, cancelled.getType());
    scope.failed(cancelled, cancelled.getType(), cancelled.getOutput(), LettuceBridge.CANCELLED);
    ValueOutput<String, String> wrongType = new ValueOutput<>(StringCodec.UTF8);
    wrongType.setError("WRONGTYPE Operation against a key holding the wrong kind of value");
    Command<String, String, ?> errorReply = command(CommandType.GET, wrongType, "k:3");
    scope.start(errorReply, errorReply, errorReply.getType());
    scope.failed(errorReply, errorReply.getType(), wrongType, LettuceBridge.ERROR_REPLY);

    assertThat(counter("qnwis_redis_errors", "command", "GET")).isEqualTo(3);
    assertThat(counter("qnwis_cache_misses", "region", "k")).isZero();
  }

  @Test
  void failsACommandStillRunningAfterTheTimeoutAsLettuceWould() throws Exception {
    Command<String, String, ?> inner =
        command(CommandType.BLPOP, new ValueOutput<>(StringCodec.UTF8), "q:1");
    AsyncCommand<String, String, ?> outer = new AsyncCommand<>(inner);
    CommandTimeouts timeouts = new CommandTimeouts(inFlight, scope, metrics.errors());
    timeouts.timeout(Duration.ofMillis(1));
    scope.start(inner, outer, inner.getType());
    Thread.sleep(5);

    timeouts.check();
    replied(inner); // the late reply finds the command already failed

    assertThat(outer.isCompletedExceptionally()).isTrue();
    try {
      outer.get();
    } catch (ExecutionException e) {
      assertThat(e.getCause().getClass().getName())
          .isEqualTo("io.lettuce.core.RedisCommandTimeoutException");
      assertThat(e.getCause().getMessage()).startsWith("BLPOP. Command timed out after");
    }
    assertThat(counter("qnwis_redis_errors", "command", "BLPOP")).isEqualTo(1);
    assertThat(latencyCount("BLPOP")).isEqualTo(1);
  }
}
