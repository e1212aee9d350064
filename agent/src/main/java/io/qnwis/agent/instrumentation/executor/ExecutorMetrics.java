package io.qnwis.agent.instrumentation.executor;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.qnwis.agent.metrics.AgentMetrics;
import io.qnwis.agent.metrics.LabelValues;
import io.qnwis.agent.metrics.MetricNames;
import io.qnwis.agent.metrics.NanosHistogram;

/**
 * The executor module's metric families, and their data points cached per label value (capped:
 * executor names and task classes are the service's).
 */
final class ExecutorMetrics {

  /** One executor label's data points. */
  record Series(
      String label,
      NanosHistogram.Series queueWait,
      NanosHistogram.Series task,
      CounterDataPoint rejected,
      CounterDataPoint boundsApplied) {}

  private final LabelValues<Series> byExecutor;
  private final LabelValues<NanosHistogram.Series> byTaskName;

  /**
   * The data point of each task class, so a run costs one lookup, not a name and a map lookup. Held
   * by the class itself, so it never keeps a class of the service loaded.
   */
  private final ClassValue<NanosHistogram.Series> byTaskClass =
      new ClassValue<>() {
        @Override
        protected NanosHistogram.Series computeValue(Class<?> type) {
          return byTaskName.get(TaskNames.of(type));
        }
      };

  ExecutorMetrics(AgentMetrics metrics) {
    NanosHistogram queueWait =
        metrics.nanosHistogram(
            MetricNames.EXECUTOR_QUEUE_WAIT,
            "Time a task waited from submission (or, scheduled, from its due time) to its start",
            "executor");
    NanosHistogram task =
        metrics.nanosHistogram(
            MetricNames.EXECUTOR_TASK, "Run time of tasks, by executor", "executor");
    NanosHistogram byAgent =
        metrics.nanosHistogram(
            MetricNames.AGENT_LATENCY,
            "Run time of tasks, by the simple class name of the task the service submitted",
            "agent_name");
    Counter rejected =
        metrics.counter(
            MetricNames.EXECUTOR_REJECTED, "Tasks an executor rejected, by executor", "executor");
    Counter bounds =
        metrics.counter(
            MetricNames.EXECUTOR_BOUNDS_APPLIED,
            "Pool-size changes the pool-bounds policy made (or capped), by executor",
            "executor");
    this.byExecutor =
        metrics.capped(
            label ->
                new Series(
                    label,
                    queueWait.labelValues(label),
                    task.labelValues(label),
                    rejected.labelValues(label),
                    bounds.labelValues(label)));
    this.byTaskName = metrics.capped(byAgent::labelValues);
  }

  Series executor(String name) {
    return byExecutor.get(name);
  }

  NanosHistogram.Series taskClass(Class<?> type) {
    return byTaskClass.get(type);
  }
}
