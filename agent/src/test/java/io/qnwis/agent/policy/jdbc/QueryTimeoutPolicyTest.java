package io.qnwis.agent.policy.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.config.Glob;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryTimeoutPolicyTest {

  private static AgentConfig.TimeoutRule rule(String glob, Duration timeout) {
    return new AgentConfig.TimeoutRule(Glob.compile(glob), timeout);
  }

  private static QueryTimeoutPolicy policy(Duration defaultTimeout, AgentConfig.TimeoutRule... r) {
    return QueryTimeoutPolicy.from(
        new AgentConfig.JdbcConfig(true, Duration.ofMillis(500), defaultTimeout, List.of(r)));
  }

  @Test
  void firstMatchingRuleWins() {
    QueryTimeoutPolicy policy =
        policy(
            Duration.ofSeconds(30),
            rule("SELECT * FROM employment_stats WHERE *", Duration.ofSeconds(5)),
            rule("SELECT *", Duration.ofSeconds(10)));

    assertThat(policy.decide("select count(*) from jobs"))
        .isEqualTo(new QueryTimeoutPolicy.Decision(10, "SELECT *"));
    assertThat(policy.decide("SELECT * FROM employment_stats WHERE id = ?"))
        .isEqualTo(new QueryTimeoutPolicy.Decision(5, "SELECT * FROM employment_stats WHERE *"));
  }

  @Test
  void unmatchedAndUnknownSqlGetTheDefault() {
    QueryTimeoutPolicy policy =
        policy(Duration.ofSeconds(30), rule("SELECT pg_sleep(*)", Duration.ofSeconds(1)));

    assertThat(policy.decide("UPDATE t SET a = ?"))
        .isEqualTo(new QueryTimeoutPolicy.Decision(30, QueryTimeoutPolicy.DEFAULT_RULE));
    assertThat(policy.decide(null))
        .isEqualTo(new QueryTimeoutPolicy.Decision(30, QueryTimeoutPolicy.DEFAULT_RULE));
  }

  @Test
  void noRulesAndNoDefaultMeansNoPolicy() {
    QueryTimeoutPolicy policy = policy(null);

    assertThat(policy.active()).isFalse();
    assertThat(policy.decide("SELECT ?")).isNull();
    assertThat(policy(null, rule("SELECT *", Duration.ofSeconds(1))).decide("DELETE FROM t"))
        .isNull();
  }

  @Test
  void roundsUpToWholeSecondsNeverToZero() {
    assertThat(QueryTimeoutPolicy.seconds(Duration.ofMillis(250))).isEqualTo(1);
    assertThat(QueryTimeoutPolicy.seconds(Duration.ofMillis(1000))).isEqualTo(1);
    assertThat(QueryTimeoutPolicy.seconds(Duration.ofMillis(1001))).isEqualTo(2);
    assertThat(QueryTimeoutPolicy.seconds(Duration.ofNanos(1))).isEqualTo(1);
  }

  @Test
  void setsThePolicyTimeoutOnAStatementWithoutOne() {
    assertThat(QueryTimeoutPolicy.timeoutToSet(5, 0, 0)).isEqualTo(5);
    assertThat(QueryTimeoutPolicy.governs(5, 0, 0)).isTrue();
  }

  @Test
  void keepsTheServicesShorterTimeout() {
    assertThat(QueryTimeoutPolicy.timeoutToSet(5, 2, 0)).isEqualTo(-1);
    assertThat(QueryTimeoutPolicy.governs(5, 2, 0)).isFalse();
    assertThat(QueryTimeoutPolicy.timeoutToSet(5, 5, 0)).isEqualTo(-1);
    assertThat(QueryTimeoutPolicy.governs(5, 5, 0)).isFalse();
  }

  @Test
  void overridesTheServicesLongerTimeout() {
    assertThat(QueryTimeoutPolicy.timeoutToSet(5, 60, 0)).isEqualTo(5);
    assertThat(QueryTimeoutPolicy.governs(5, 60, 0)).isTrue();
  }

  @Test
  void replacesItsOwnEarlierTimeoutEvenWhenShorter() {
    // A reused statement: the agent set 1 s for a previous SQL; the new SQL's rule says 30 s.
    assertThat(QueryTimeoutPolicy.timeoutToSet(30, 1, 1)).isEqualTo(30);
    assertThat(QueryTimeoutPolicy.governs(30, 1, 1)).isTrue();
    assertThat(QueryTimeoutPolicy.timeoutToSet(30, 30, 30)).isEqualTo(-1);
    assertThat(QueryTimeoutPolicy.governs(30, 30, 30)).isTrue();
  }

  @Test
  void undoesItsOwnTimeoutWhenThePolicyNoLongerApplies() {
    assertThat(QueryTimeoutPolicy.timeoutToSet(0, 5, 5)).isEqualTo(0);
    assertThat(QueryTimeoutPolicy.timeoutToSet(0, 7, 5)).isEqualTo(-1); // the service's own
    assertThat(QueryTimeoutPolicy.governs(0, 0, 0)).isFalse();
  }
}
