package io.qnwis.agent.instrumentation.executor;

import io.qnwis.agent.AgentContext;
import io.qnwis.agent.bootstrap.executor.ExecutorBridge;
import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.instrumentation.InstrumentationModule;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * Executors of {@code java.util.concurrent}: queue wait and run time per pool and per task class,
 * pool gauges, rejections, and the pool-bounds policy. Config key {@code executor.enabled}.
 */
public final class ExecutorInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "executor";
  }

  @Override
  public boolean enabled(AgentConfig config) {
    return config.executor().enabled();
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new AbstractExecutorServiceInstrumentation(),
        new ThreadPoolExecutorInstrumentation(),
        new ScheduledFutureTaskInstrumentation(),
        new ForkJoinPoolInstrumentation());
  }

  @Override
  public void start(AgentContext context) {
    try {
      TaskUnwrapper.open(context.instrumentation());
    } catch (RuntimeException error) {
      // Tasks are then named by the JDK wrapper (FutureTask); everything else works.
      context.errors().report("executor", error);
    }
    ExecutorMetrics metrics = new ExecutorMetrics(context.metrics());
    PoolRegistry registry = new PoolRegistry(metrics);
    ExecutorTracker tracker = new ExecutorTracker(metrics, registry, context.errors());
    PoolGauges.register(context.metrics().registry(), registry);
    context.config().onChange(tracker::configure);
    ExecutorBridge.install(tracker);
  }
}
