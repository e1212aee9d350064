package io.qnwis.agent.policy.jdbc;

import io.qnwis.agent.config.AgentConfig;
import java.time.Duration;
import java.util.List;

/**
 * The JDBC timeout policy in force (DESIGN.md section 6): the first {@code jdbc.timeouts.rules}
 * glob matching the normalized SQL gives the timeout, else {@code jdbc.timeouts.default}, else
 * none. Immutable: a config reload builds a new one, and callers cache each statement's {@link
 * Decision} against the policy instance it came from.
 */
public final class QueryTimeoutPolicy {

  /** The label of decisions taken by the default timeout. */
  public static final String DEFAULT_RULE = "default";

  /** What applies to one statement: whole seconds (JDBC's unit), and the rule label. */
  public record Decision(int seconds, String rule) {}

  public static final QueryTimeoutPolicy NONE = new QueryTimeoutPolicy(List.of(), null);

  private final List<AgentConfig.TimeoutRule> rules;
  private final Decision fallback;

  private QueryTimeoutPolicy(List<AgentConfig.TimeoutRule> rules, Duration defaultTimeout) {
    this.rules = List.copyOf(rules);
    this.fallback =
        defaultTimeout == null ? null : new Decision(seconds(defaultTimeout), DEFAULT_RULE);
  }

  public static QueryTimeoutPolicy from(AgentConfig.JdbcConfig config) {
    if (config == null || (config.timeoutRules().isEmpty() && config.defaultTimeout() == null)) {
      return NONE;
    }
    return new QueryTimeoutPolicy(config.timeoutRules(), config.defaultTimeout());
  }

  /** Whether any timeout can apply at all (if not, execution skips the policy entirely). */
  public boolean active() {
    return fallback != null || !rules.isEmpty();
  }

  /**
   * The decision for this normalized SQL, or null for none; null SQL (unknown) gets the default.
   */
  public Decision decide(String normalizedSql) {
    if (normalizedSql != null) {
      for (int i = 0; i < rules.size(); i++) {
        AgentConfig.TimeoutRule rule = rules.get(i);
        if (rule.match().matches(normalizedSql)) {
          return new Decision(seconds(rule.timeout()), rule.match().pattern());
        }
      }
    }
    return fallback;
  }

  /**
   * JDBC timeouts are whole seconds and 0 means none, so any positive duration rounds up (250ms
   * gives 1s, never 0).
   */
  static int seconds(Duration timeout) {
    long millis = Math.max(1, timeout.toMillis());
    long seconds = (millis + 999) / 1000;
    return (int) Math.min(Integer.MAX_VALUE, seconds);
  }

  /**
   * The query timeout to set, given what the statement has now and what the agent set on it before,
   * or -1 to leave it alone. A non-zero timeout the agent did not set is the service's own: it
   * stays if it is shorter than (or equal to) the policy's.
   *
   * @param wanted the policy's seconds, or 0 when no policy applies now
   * @param current {@code Statement.getQueryTimeout()}
   * @param setByAgent what the agent last set on this statement (0 if never)
   */
  public static int timeoutToSet(int wanted, int current, int setByAgent) {
    boolean serviceOwn = current != 0 && current != setByAgent;
    if (wanted == 0) {
      return !serviceOwn && current != 0 ? 0 : -1; // policy lifted: undo what the agent set
    }
    if (serviceOwn && current <= wanted) {
      return -1;
    }
    return current == wanted ? -1 : wanted;
  }

  /**
   * Whether the policy's timeout is the one in force for this execution (what {@code
   * qnwis_db_timeouts_applied_total} counts): not when the service's own timeout is shorter.
   */
  public static boolean governs(int wanted, int current, int setByAgent) {
    boolean serviceOwn = current != 0 && current != setByAgent;
    return wanted > 0 && !(serviceOwn && current <= wanted);
  }
}
