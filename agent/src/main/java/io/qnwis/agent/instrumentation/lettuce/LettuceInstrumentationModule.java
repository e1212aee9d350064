package io.qnwis.agent.instrumentation.lettuce;

import io.qnwis.agent.AgentContext;
import io.qnwis.agent.bootstrap.lettuce.LettuceBridge;
import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.instrumentation.InstrumentationModule;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import io.qnwis.agent.metrics.AgentErrors;
import java.util.List;

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
    RedisMaintenance maintenance = new RedisMaintenance(timeouts::check, regions::refresh, errors);
    LettuceBridge.install(new LettuceHooks(scope, maintenance, new TtlRewriter(regions, errors)));
  }
}
