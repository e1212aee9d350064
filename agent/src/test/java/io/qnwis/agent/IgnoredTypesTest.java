package io.qnwis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IgnoredTypesTest {

  private static final ClassLoader APP = IgnoredTypesTest.class.getClassLoader();

  @Test
  void onlyExecutorsAreOfferedFromTheBootstrapLoader() {
    assertThat(IgnoredTypes.ignored("java.util.concurrent.ThreadPoolExecutor", null)).isFalse();
    assertThat(IgnoredTypes.ignored("java.lang.String", null)).isTrue();
  }

  @Test
  void packagesWithoutTargetsAreIgnoredByName() {
    assertThat(IgnoredTypes.ignored("io.netty.channel.DefaultChannelPipeline", APP)).isTrue();
    assertThat(IgnoredTypes.ignored("reactor.core.publisher.Mono", APP)).isTrue();
    assertThat(IgnoredTypes.ignored("org.h2.mvstore.MVStore", APP)).isTrue();
    assertThat(IgnoredTypes.ignored("io.qnwis.agent.AgentStarter", APP)).isTrue();
    assertThat(IgnoredTypes.ignored("jdk.internal.reflect.GeneratedMethodAccessor1", APP)).isTrue();
    assertThat(IgnoredTypes.ignored("java.sql.DriverManager", APP)).isTrue();
  }

  @Test
  void targetsStayOffered() {
    assertThat(IgnoredTypes.ignored("org.h2.jdbc.JdbcStatement", APP)).isFalse();
    assertThat(IgnoredTypes.ignored("org.h2.jdbcx.JdbcDataSource", APP)).isFalse();
    assertThat(IgnoredTypes.ignored("com.zaxxer.hikari.HikariDataSource", APP)).isFalse();
    assertThat(IgnoredTypes.ignored("org.postgresql.jdbc.PgStatement", APP)).isFalse();
    assertThat(IgnoredTypes.ignored("io.lettuce.core.RedisCommandBuilder", APP)).isFalse();
  }
}
