package io.qnwis.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

  private static AgentOptions parse(
      String raw, Map<String, String> properties, Map<String, String> env) {
    return AgentOptions.parse(raw, properties::get, env::get);
  }

  @Test
  void theClassCacheIsOnByDefaultInTheUsersCacheDirectory() {
    assertThat(parse("", Map.of("user.home", "/home/ops"), Map.of()).classCache())
        .isEqualTo(Path.of("/home/ops/.cache/qnwis-agent"));
    assertThat(
            parse("", Map.of("user.home", "/home/ops"), Map.of("XDG_CACHE_HOME", "/var/cache/ops"))
                .classCache())
        .isEqualTo(Path.of("/var/cache/ops/qnwis-agent"));
  }

  @Test
  void noHomeDirectoryMeansNoClassCache() {
    assertThat(parse("", Map.of(), Map.of()).classCache()).isNull();
    assertThat(parse("", Map.of("user.home", "?"), Map.of()).classCache()).isNull();
  }

  @Test
  void theCacheOptionNamesTheDirectoryOrTurnsItOff() {
    Map<String, String> home = Map.of("user.home", "/home/ops");
    assertThat(parse("cache=/srv/qnwis-cache", home, Map.of()).classCache())
        .isEqualTo(Path.of("/srv/qnwis-cache"));
    assertThat(parse("cache=off,port=9401", home, Map.of()).classCache()).isNull();
    assertThat(parse("cache=relative", home, Map.of()).classCache()).isAbsolute();
  }

  @Test
  void anEmptyCacheOptionIsAnError() {
    assertThatThrownBy(() -> parse("cache=", Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("agent option cache: give a directory, or off");
  }

  @Test
  void anUnknownOptionNamesTheKnownOnes() {
    assertThatThrownBy(() -> parse("cach=off", Map.of(), Map.of()))
        .hasMessage("unknown agent option 'cach' (known: config, port, strict, cache)");
  }
}
