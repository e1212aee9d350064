package io.qnwis.agent.instrumentation.lettuce;

import io.qnwis.agent.AgentContext;
import io.qnwis.agent.AgentThreads;
import io.qnwis.agent.bootstrap.lettuce.LettuceBridge;
import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.instrumentation.InstrumentationModule;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import io.qnwis.agent.metrics.AgentErrors;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Redis through Lettuce (6.x and 7.x): command latency and errors, cache hits and misses per
 * region, the TTL policies and the command timeout. Named {@code lettuce}; installed when {@code
 * redis.enabled}. Serves {@code /cache}.
 */
public final class LettuceInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "lettuce";
  }

  @Override
  public boolean enabled(AgentConfig config) {
    return config.redis().enabled();
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new RedisChannelHandlerInstrumentation(),
        new CommandSlotInstrumentation(),
        new CommandInstrumentation(),
        new OutputInstrumentation(),
        new RedisCommandBuilderInstrumentation());
  }

  @Override
  public void start(AgentContext context) {
    AgentErrors errors = context.errors();
    CacheRegions regions = new CacheRegions(context.metrics());
    InFlightCommands inFlight = new InFlightCommands();
    LettuceCommandScope scope = new LettuceCommandScope(context.metrics(), regions, inFlight);
    CommandTimeouts timeouts = new CommandTimeouts(inFlight, scope, errors);
    context
        .config()
        .onChange(
            config -> {
              regions.apply(config.redis());
              timeouts.timeout(config.redis().commandTimeout());
            });
    context.addJsonRoute("/cache", regions::json);
    // One agent thread: command timeouts every few ms, adaptive TTL estimates every second. Its
    // pool loads the JDK's scheduled executor: only once the executors can be woven as they load.
    context.afterInstall(
        () -> {
          ScheduledExecutorService maintenance =
              Executors.newSingleThreadScheduledExecutor(AgentThreads.factory("redis"));
          maintenance.scheduleWithFixedDelay(
              guarded(timeouts::check, errors),
              CommandTimeouts.PERIOD_MILLIS,
              CommandTimeouts.PERIOD_MILLIS,
              TimeUnit.MILLISECONDS);
          maintenance.scheduleWithFixedDelay(
              guarded(regions::refresh, errors), 1, 1, TimeUnit.SECONDS);
        });
    LettuceBridge.install(new LettuceHooks(scope, new TtlRewriter(regions, errors)));
  }

  /** A periodic task that survives its own failures (an escaped one would cancel it). */
  private static Runnable guarded(Runnable task, AgentErrors errors) {
    return () -> {
      try {
        task.run();
      } catch (Throwable error) {
        errors.report(LettuceCommandScope.COMPONENT, error);
      }
    };
  }
}
