package io.qnwis.agent.instrumentation.lettuce;

import io.qnwis.agent.metrics.AgentErrors;
import java.time.Duration;

/**
 * The {@code redis.command_timeout} policy: a command still in flight after the timeout is failed
 * with Lettuce's own {@code RedisCommandTimeoutException}, exactly as Lettuce's command expiry does
 * (the command completes exceptionally; its reply, when it comes, is discarded). Sync callers get
 * the exception thrown, async callers a failed future, reactive subscribers an error signal. {@link
 * #check()} runs every {@link #PERIOD_MILLIS} ms on the agent's own thread, so a command fails
 * between the timeout and the timeout plus that period; commands are not touched on their hot path.
 */
final class CommandTimeouts {

  static final long PERIOD_MILLIS = 25;

  private final InFlightCommands inFlight;
  private final LettuceCommandScope scope;
  private final AgentErrors errors;
  private volatile Duration timeout;

  CommandTimeouts(InFlightCommands inFlight, LettuceCommandScope scope, AgentErrors errors) {
    this.inFlight = inFlight;
    this.scope = scope;
    this.errors = errors;
  }

  /** The timeout in force; null for none. */
  void timeout(Duration value) {
    timeout = value == null || value.isZero() || value.isNegative() ? null : value;
  }

  Duration timeout() {
    return timeout;
  }

  void check() {
    Duration limit = timeout;
    if (limit == null) {
      return;
    }
    inFlight.claimStartedBefore(
        System.nanoTime() - limit.toNanos(),
        (command, dispatched, startNanos) -> {
          try {
            String name = scope.timedOut(command, startNanos);
            if (dispatched != null) {
              LettuceApi.of(command).timeOut(dispatched, name, limit);
            }
          } catch (Throwable error) {
            errors.report(LettuceCommandScope.COMPONENT, error);
          }
        });
  }
}
