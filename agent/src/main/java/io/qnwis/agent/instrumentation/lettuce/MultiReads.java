package io.qnwis.agent.instrumentation.lettuce;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MGET and HMGET in flight, by their output, so that each element of the reply is counted as it is
 * decoded (DESIGN.md section 5: one hit or miss per key of an MGET, in that key's region; one per
 * field of an HMGET, in the region of its hash). The reactive API and the streaming channels hand
 * elements on as they arrive and never keep them, so counting at completion would miss them.
 *
 * <p>One small entry per multi-key read, none per key: the N-th element is the N-th key argument of
 * the command, read in place. Bounded like {@link InFlightCommands}: an entry lives from dispatch
 * to completion, and past {@link InFlightCommands#MAX} entries the stale ones go first.
 */
final class MultiReads {

  private static final long STALE_NANOS = 60_000_000_000L;

  /** One read: its arguments (MGET) or its hash's region (HMGET), and the next element's index. */
  private static final class Read {
    final LettuceApi api;
    final List<?> arguments;
    final CacheRegion region;
    final long startNanos;
    int next; // only the connection's event loop decodes replies

    Read(LettuceApi api, List<?> arguments, CacheRegion region, long startNanos) {
      this.api = api;
      this.arguments = arguments;
      this.region = region;
      this.startNanos = startNanos;
    }
  }

  private final ConcurrentHashMap<Object, Read> byOutput = new ConcurrentHashMap<>();
  private final CacheRegions regions;
  private final int max;

  MultiReads(CacheRegions regions) {
    this(regions, InFlightCommands.MAX);
  }

  MultiReads(CacheRegions regions, int max) {
    this.regions = regions;
    this.max = max;
  }

  /**
   * Tracks the elements of {@code command}, an MGET ({@code mget}) or HMGET; false if it cannot be
   * tracked (table full).
   */
  boolean start(Object command, boolean mget, long nowNanos) throws Throwable {
    LettuceApi api = LettuceApi.of(command);
    Object output = api.output(command);
    if (output == null) {
      return true;
    }
    if (byOutput.size() >= max && !purge(nowNanos - STALE_NANOS)) {
      return false;
    }
    Read read =
        mget
            ? new Read(api, api.arguments(command), null, nowNanos)
            : new Read(api, null, regions.of(api.firstKey(command)), nowNanos);
    byOutput.putIfAbsent(output, read);
    return true;
  }

  /** One element of {@code output}'s reply arrived. */
  void element(Object output, boolean present) throws Throwable {
    if (byOutput.isEmpty()) {
      return; // an output of some other command (LRANGE, HGETALL...)
    }
    Read read = byOutput.get(output);
    if (read == null) {
      return;
    }
    CacheRegion region = read.region;
    if (region == null) {
      int index = read.next++;
      if (index >= read.arguments.size()) {
        return;
      }
      Object key = read.api.keyOf(read.arguments.get(index));
      if (key == null) {
        return;
      }
      region = regions.of(key);
    }
    if (present) {
      region.hit();
    } else {
      region.miss();
    }
  }

  /** The command of {@code output} completed: its elements are all in. */
  void end(Object output) {
    if (output != null && !byOutput.isEmpty()) {
      byOutput.remove(output);
    }
  }

  int size() {
    return byOutput.size();
  }

  private synchronized boolean purge(long cutoffNanos) {
    byOutput.values().removeIf(read -> read.startNanos - cutoffNanos < 0);
    return byOutput.size() < max;
  }
}
