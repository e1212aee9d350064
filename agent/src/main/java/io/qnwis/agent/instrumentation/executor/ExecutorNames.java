package io.qnwis.agent.instrumentation.executor;

import io.qnwis.agent.config.AgentConfig.PoolRule;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code executor} label of a pool, from the name of a thread of that pool: the {@code name} of
 * the first {@code executor.pools} entry whose glob matches it, else the name without its trailing
 * counter ({@code qnwis-agent-3} gives {@code qnwis-agent}). The JDK's default names, which number
 * pools as well as threads, fold to one value each, so a service creating pools does not create
 * series.
 */
final class ExecutorNames {

  static final String DEFAULT_POOL = "pool";
  static final String DEFAULT_FORK_JOIN = "ForkJoinPool";
  static final String UNNAMED = "unnamed";

  private static final Pattern JDK_POOL = Pattern.compile("pool-\\d+-thread-\\d+");
  private static final Pattern JDK_FORK_JOIN = Pattern.compile("ForkJoinPool-\\d+-worker-\\d+");
  private static final Pattern TRAILING_COUNTER = Pattern.compile("[-_.#\\s]*\\d+$");

  private ExecutorNames() {}

  static String of(String threadName, List<PoolRule> rules) {
    PoolRule rule = ruleFor(threadName, rules);
    if (rule != null && rule.name() != null && !rule.name().isBlank()) {
      return rule.name();
    }
    return prefix(threadName);
  }

  /** The first {@code executor.pools} entry whose glob matches the thread name, or null. */
  static PoolRule ruleFor(String threadName, List<PoolRule> rules) {
    for (PoolRule rule : rules) {
      if (rule.match() != null && rule.match().matches(threadName)) {
        return rule;
      }
    }
    return null;
  }

  static String prefix(String threadName) {
    if (JDK_POOL.matcher(threadName).matches()) {
      return DEFAULT_POOL;
    }
    if (JDK_FORK_JOIN.matcher(threadName).matches()) {
      return DEFAULT_FORK_JOIN;
    }
    String prefix = TRAILING_COUNTER.matcher(threadName).replaceFirst("");
    return prefix.isBlank() ? UNNAMED : prefix;
  }
}
