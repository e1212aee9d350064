package io.qnwis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.config.AgentConfig;
import io.qnwis.agent.config.ConfigHolder;
import io.qnwis.agent.metrics.AgentMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentContextTest {

  private final AgentMetrics metrics = new AgentMetrics(10, "test");
  private final ConfigHolder config = new ConfigHolder(AgentConfig.defaults(), true, (c, e) -> {});

  @Test
  void atPremainTasksWaitUntilTheInstrumentationIsInPlaceThenRunInOrder() {
    AgentContext context = new AgentContext(metrics, config, null, true);
    List<String> ran = new ArrayList<>();

    context.afterInstall(() -> ran.add("first"));
    context.afterInstall(
        () -> {
          throw new IllegalStateException("boom");
        });
    context.afterInstall(() -> ran.add("second"));
    assertThat(ran).isEmpty();

    context.installed();
    assertThat(ran).containsExactly("first", "second");

    context.afterInstall(() -> ran.add("later"));
    assertThat(ran).containsExactly("first", "second", "later");
    context.installed();
    assertThat(ran).containsExactly("first", "second", "later");
  }

  @Test
  void aContextThatDoesNotDeferRunsTasksAtOnce() {
    AgentContext context = new AgentContext(metrics, config);
    List<String> ran = new ArrayList<>();

    context.afterInstall(() -> ran.add("now"));

    assertThat(ran).containsExactly("now");
  }
}
