package io.qnwis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentInstallerTest {

  private static final ClassLoader APP = AgentInstallerTest.class.getClassLoader();

  @Test
  void onlyExecutorsAreOfferedFromTheBootstrapLoader() {
    assertThat(AgentInstaller.ignored("java.util.concurrent.ThreadPoolExecutor", null)).isFalse();
    assertThat(AgentInstaller.ignored("java.lang.String", null)).isTrue();
  }

  @Test
  void packagesWithoutTargetsAreIgnoredByName() {
    assertThat(AgentInstaller.ignored("io.netty.channel.DefaultChannelPipeline", APP)).isTrue();
    assertThat(AgentInstaller.ignored("reactor.core.publisher.Mono", APP)).isTrue();
    assertThat(AgentInstaller.ignored("org.h2.mvstore.MVStore", APP)).isTrue();
    assertThat(AgentInstaller.ignored("io.qnwis.agent.AgentStarter", APP)).isTrue();
    assertThat(AgentInstaller.ignored("jdk.internal.reflect.GeneratedMethodAccessor1", APP))
        .isTrue();
    assertThat(AgentInstaller.ignored("java.sql.DriverManager", APP)).isTrue();
  }

  @Test
  void targetsStayOffered() {
    assertThat(AgentInstaller.ignored("org.h2.jdbc.JdbcStatement", APP)).isFalse();
    assertThat(AgentInstaller.ignored("org.h2.jdbcx.JdbcDataSource", APP)).isFalse();
    assertThat(AgentInstaller.ignored("com.zaxxer.hikari.HikariDataSource", APP)).isFalse();
    assertThat(AgentInstaller.ignored("org.postgresql.jdbc.PgStatement", APP)).isFalse();
    assertThat(AgentInstaller.ignored("io.lettuce.core.RedisCommandBuilder", APP)).isFalse();
  }
}
