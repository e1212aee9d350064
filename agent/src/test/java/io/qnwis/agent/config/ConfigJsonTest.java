package io.qnwis.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigJsonTest {

  @Test
  void rendersTheDefaults() {
    assertThat(ConfigJson.render(AgentConfig.defaults(), true))
        .isEqualTo(
            "{\"valid\":true,"
                + "\"metrics\":{\"host\":\"127.0.0.1\",\"port\":9400,\"max_label_values\":200,"
                + "\"basic_auth\":null},"
                + "\"jdbc\":{\"enabled\":true,\"slow_query_threshold\":\"500ms\","
                + "\"timeouts\":{\"default\":null,\"rules\":[]}},"
                + "\"redis\":{\"enabled\":true,\"command_timeout\":null,\"regions\":[],"
                + "\"default_ttl\":{\"mode\":\"passthrough\"}},"
                + "\"executor\":{\"enabled\":true,\"pools\":[]},"
                + "\"reload_interval\":\"5s\"}");
  }

  @Test
  void saysWhenTheFileWasInvalid() {
    assertThat(ConfigJson.render(AgentConfig.defaults(), false)).startsWith("{\"valid\":false,");
  }

  @Test
  void redactsThePasswordHashButShowsTheUser() {
    String json = ConfigJson.render(designExample(), true);

    assertThat(json)
        .contains("\"basic_auth\":{\"username\":\"ops\",\"password_sha256\":\"<redacted>\"}")
        .doesNotContain(ConfigLoaderTest.HASH);
  }

  @Test
  void rendersRulesRegionsAndPoolsInTheFileSyntax() {
    String json = ConfigJson.render(designExample(), true);

    assertThat(json)
        .contains(
            "\"timeouts\":{\"default\":\"30s\",\"rules\":[{\"match\":\"SELECT * FROM"
                + " employment_stats WHERE *\",\"timeout\":\"5s\"}]}")
        .contains(
            "{\"name\":\"query\",\"match\":\"qnwis:query:*\",\"ttl\":{\"mode\":\"adaptive\","
                + "\"min\":\"30s\",\"max\":\"1h\",\"max_stale_ratio\":0.05}}")
        .contains(
            "{\"name\":\"dashboard\",\"match\":\"qnwis:dash:*\","
                + "\"ttl\":{\"mode\":\"fixed\",\"value\":\"1m\"}}")
        .contains(
            "\"pools\":[{\"name\":\"agents\",\"match\":\"qnwis-agent-*\",\"max_pool_size\":8}]")
        .contains("\"command_timeout\":\"2s\"");
  }

  @Test
  void poolWithoutCapShowsNull() {
    AgentConfig config = ConfigLoaderTest.valid("executor: {pools: [{name: a, match: 'a-*'}]}\n");

    assertThat(ConfigJson.render(config, true)).contains("\"max_pool_size\":null");
  }

  private static AgentConfig designExample() {
    return ConfigLoaderTest.valid(ConfigLoaderTest.DESIGN_EXAMPLE);
  }
}
