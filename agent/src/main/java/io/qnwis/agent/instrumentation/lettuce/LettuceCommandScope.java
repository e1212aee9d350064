package io.qnwis.agent.instrumentation.lettuce;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.qnwis.agent.bootstrap.lettuce.LettuceBridge;
import io.qnwis.agent.metrics.AgentErrors;
import io.qnwis.agent.metrics.AgentMetrics;
import io.qnwis.agent.metrics.LabelValues;
import io.qnwis.agent.metrics.MetricNames;
import io.qnwis.agent.metrics.NanosHistogram;

/**
 * Times each Lettuce command from dispatch ({@link #start}) to completion ({@link #replied}, {@link
 * #failed}) into {@code qnwis_redis_latency_seconds{command}}, counts failures (error replies,
 * exceptions, cancellations, timeouts) in {@code qnwis_redis_errors_total{command}}, and counts
 * hits and misses of GET-family reads per region (DESIGN.md section 5): single-key reads at
 * completion, MGET and HMGET per element as the reply is decoded ({@link MultiReads}).
 *
 * <p>Per command the hot path allocates nothing and does no string work: the advice hands over the
 * command's {@code ProtocolKeyword}, whose {@link Kind} (data points, what kind of read) is cached
 * by enum ordinal; only reads look at keys and replies.
 */
final class LettuceCommandScope {

  static final String COMPONENT = "lettuce";

  /** What the scope does with one command name: its data points and what kind of read it is. */
  static final class Kind {
    static final int NOT_A_READ = 0;
    static final int SINGLE_READ = 1;
    static final int MGET = 2;
    static final int HMGET = 3;

    final NanosHistogram.Series latency;
    final CounterDataPoint errors;
    final int read;

    Kind(NanosHistogram.Series latency, CounterDataPoint errors, int read) {
      this.latency = latency;
      this.errors = errors;
      this.read = read;
    }
  }

  /** Kinds of one keyword enum ({@code CommandType} of one Lettuce), by ordinal, filled lazily. */
  private record EnumKinds(Class<?> type, Kind[] byOrdinal) {}

  private final InFlightCommands inFlight;
  private final CacheRegions regions;
  private final MultiReads multiReads;
  private final AgentErrors agentErrors;
  private final LabelValues<Kind> byName;
  private volatile EnumKinds enumKinds;

  /** The API of the last command class seen (racy by design: a stale one costs a lookup). */
  private record Api(Class<?> type, LettuceApi api) {}

  private Api lastApi;

  LettuceCommandScope(AgentMetrics metrics, CacheRegions regions, InFlightCommands inFlight) {
    this.inFlight = inFlight;
    this.regions = regions;
    this.multiReads = new MultiReads(regions);
    this.agentErrors = metrics.errors();
    NanosHistogram latency =
        metrics.nanosHistogram(
            MetricNames.REDIS_LATENCY,
            "Redis commands sent through Lettuce, dispatch to completion, by command",
            "command");
    Counter errors =
        metrics.counter(
            MetricNames.REDIS_ERRORS,
            "Redis commands that failed (error reply, exception, cancellation, timeout)",
            "command");
    this.byName =
        metrics.capped(
            name -> new Kind(latency.labelValues(name), errors.labelValues(name), readOf(name)));
  }

  /**
   * {@code command} (innermost) is dispatched; {@code dispatched} is what the caller holds, {@code
   * type} the command's {@code ProtocolKeyword}.
   */
  void start(Object command, Object dispatched, Object type) {
    if (command == null) {
      return;
    }
    try {
      long now = System.nanoTime();
      if (!inFlight.start(command, dispatched, now)) {
        agentErrors.report(
            COMPONENT, new IllegalStateException("too many Redis commands in flight to time"));
        return;
      }
      int read = kind(type).read;
      if (read >= Kind.MGET && !multiReads.start(command, read == Kind.MGET, now)) {
        agentErrors.report(
            COMPONENT, new IllegalStateException("too many MGET/HMGET in flight to count"));
      }
    } catch (Throwable error) {
      agentErrors.report(COMPONENT, error);
    }
  }

  /**
   * {@code command} completes with a reply that is not an error: {@code output} is its {@code
   * CommandOutput}, {@code args} its {@code CommandArgs}, {@code reply} the decoded reply (null for
   * nil) or {@code LettuceBridge.UNREAD}.
   */
  void replied(Object command, Object type, Object output, Object args, Object reply) {
    if (command == null) {
      return;
    }
    try {
      long start = inFlight.end(command);
      if (start == InFlightCommands.NOT_TRACKED) {
        return;
      }
      Kind kind = record(type, output, start);
      if (kind.read == Kind.SINGLE_READ && output != null) {
        // GET, GETEX, HGET: one hit or miss. MGET and HMGET were counted as their values arrived.
        LettuceApi api = api(command);
        CacheRegion region = regions.of(api.firstKeyOf(args));
        if ((reply == LettuceBridge.UNREAD ? api.reply(output) : reply) == null) {
          region.miss();
        } else {
          region.hit();
        }
      }
    } catch (Throwable error) {
      agentErrors.report(COMPONENT, error);
    }
  }

  /**
   * {@code command} fails with {@code failure}: {@code LettuceBridge.ERROR_REPLY} for an error
   * reply, {@code LettuceBridge.CANCELLED} for a cancellation (Lettuce cancels what its own timeout
   * gave up on), else what failed it.
   */
  void failed(Object command, Object type, Object output, Throwable failure) {
    if (command == null) {
      return;
    }
    try {
      long start = inFlight.end(command);
      if (start != InFlightCommands.NOT_TRACKED) {
        record(type, output, start).errors.inc();
      }
    } catch (Throwable error) {
      agentErrors.report(COMPONENT, error);
    }
  }

  /** An element of a multi-value reply arrived in {@code output}; {@code present}: not nil. */
  void element(Object output, boolean present) {
    try {
      multiReads.element(output, present);
    } catch (Throwable error) {
      agentErrors.report(COMPONENT, error);
    }
  }

  /** Records a command the timeout policy failed; returns its name for the exception. */
  String timedOut(Object command, long startNanos) throws Throwable {
    LettuceApi api = LettuceApi.of(command);
    multiReads.end(api.output(command));
    String name = api.commandName(command);
    Kind kind = byName.get(name);
    kind.latency.observe(System.nanoTime() - startNanos);
    kind.errors.inc();
    return name;
  }

  int multiReadsInFlight() {
    return multiReads.size();
  }

  /** Observes the latency of a command of {@code type} and ends its multi-value read, if any. */
  private Kind record(Object type, Object output, long startNanos) {
    Kind kind = kind(type);
    kind.latency.observe(System.nanoTime() - startNanos);
    if (kind.read >= Kind.MGET) {
      multiReads.end(output);
    }
    return kind;
  }

  /** {@code LettuceApi.of(command)} without its ClassValue look-up, which costs more. */
  private LettuceApi api(Object command) {
    Api last = lastApi;
    if (last != null && last.type == command.getClass()) {
      return last.api;
    }
    LettuceApi api = LettuceApi.of(command);
    lastApi = new Api(command.getClass(), api);
    return api;
  }

  private Kind kind(Object type) {
    EnumKinds kinds = enumKinds;
    if (kinds != null && type.getClass() == kinds.type) {
      int ordinal = ((Enum<?>) type).ordinal();
      Kind kind = kinds.byOrdinal[ordinal];
      if (kind == null) {
        // Racing threads may both fill the slot: with the same data points, so either will do.
        kind = named(((Enum<?>) type).name());
        kinds.byOrdinal[ordinal] = kind;
      }
      return kind;
    }
    if (type instanceof Enum<?> constant) {
      if (kinds == null) {
        Class<?> enumType = constant.getDeclaringClass();
        if (enumType == type.getClass()) {
          enumKinds = new EnumKinds(enumType, new Kind[enumType.getEnumConstants().length]);
        }
      }
      return named(constant.name());
    }
    return named(String.valueOf(type));
  }

  /** The kind of command {@code name}; past the label cap its data points are those of "other". */
  private Kind named(String name) {
    Kind kind = byName.get(name);
    int read = readOf(name);
    return kind.read == read ? kind : new Kind(kind.latency, kind.errors, read);
  }

  private static int readOf(String name) {
    return switch (name) {
      case "GET", "GETEX", "HGET" -> Kind.SINGLE_READ;
      case "MGET" -> Kind.MGET;
      case "HMGET" -> Kind.HMGET;
      default -> Kind.NOT_A_READ;
    };
  }
}
