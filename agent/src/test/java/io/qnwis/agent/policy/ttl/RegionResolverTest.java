package io.qnwis.agent.policy.ttl;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.config.Glob;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionResolverTest {

  private final List<String> created = new ArrayList<>();

  private RegionResolver<String> resolver(int max) {
    return new RegionResolver<>(
        max,
        name -> {
          created.add(name);
          return name;
        });
  }

  @Test
  void theFirstMatchingGlobWins() {
    RegionResolver<String> regions = resolver(10);
    regions.configure(
        List.of(Glob.compile("qnwis:query:*"), Glob.compile("qnwis:*")), List.of("query", "all"));
    assertThat(regions.resolve("qnwis:query:42")).isEqualTo("query");
    assertThat(regions.resolve("QNWIS:QUERY:42")).isEqualTo("query");
    assertThat(regions.resolve("qnwis:dash:1")).isEqualTo("all");
  }

  @Test
  void keysMatchingNoGlobBelongToTheirFirstSegment() {
    RegionResolver<String> regions = resolver(10);
    regions.configure(List.of(Glob.compile("qnwis:*")), List.of("qnwis"));
    assertThat(regions.resolve("session:abc:1")).isEqualTo("session");
    assertThat(regions.resolve("session:def")).isEqualTo("session");
    assertThat(regions.resolve("user:1")).isEqualTo("user");
    assertThat(created).containsExactly("qnwis", "session", "user");
  }

  @Test
  void keysWithoutASegmentGoToTheDefaultRegionNotToARegionNamedAfterTheKey() {
    RegionResolver<String> regions = resolver(10);
    assertThat(regions.resolve("a4f9c2e1")).isEqualTo(RegionResolver.DEFAULT_REGION);
    assertThat(regions.resolve(":leading")).isEqualTo(RegionResolver.DEFAULT_REGION);
  }

  @Test
  void capsTheNumberOfRegionsAndSendsTheRestToOther() {
    RegionResolver<String> regions = resolver(3);
    for (int i = 0; i < 100; i++) {
      regions.resolve("tenant" + i + ":x");
    }
    assertThat(regions.resolve("tenant1:x")).isEqualTo("tenant1");
    assertThat(regions.resolve("tenant99:x")).isEqualTo(RegionResolver.OVERFLOW_REGION);
    assertThat(regions.regions()).hasSize(4);
  }

  @Test
  void findsEveryRegionAgainAfterTheTableGrows() {
    RegionResolver<String> regions = resolver(1000);
    for (int i = 0; i < 500; i++) {
      regions.resolve("r" + i + ":k");
    }
    for (int i = 0; i < 500; i++) {
      assertThat(regions.resolve("r" + i + ":other")).isEqualTo("r" + i);
    }
    assertThat(created).hasSize(500);
  }

  @Test
  void reconfiguringKeepsRegionsCreatedBefore() {
    RegionResolver<String> regions = resolver(10);
    regions.resolve("session:1");
    regions.configure(List.of(Glob.compile("session:*")), List.of("session"));
    assertThat(regions.resolve("session:2")).isEqualTo("session");
    assertThat(created).containsExactly("session");
  }

  @Test
  void aGlobConfiguredLaterTakesOverKeysWhoseSegmentRegionExistsAlready() {
    RegionResolver<String> regions = resolver(10);
    assertThat(regions.resolve("app:1")).isEqualTo("app");
    regions.configure(List.of(Glob.compile("APP:*")), List.of("application"));
    assertThat(regions.resolve("app:2")).isEqualTo("application");
    assertThat(regions.resolve("App:3")).isEqualTo("application");
    regions.configure(List.of(), List.of());
    assertThat(regions.resolve("app:4")).isEqualTo("app");
  }

  @Test
  void globsThatCouldMatchAnySegmentAreTriedForEveryKey() {
    RegionResolver<String> regions = resolver(10);
    regions.configure(
        List.of(Glob.compile("qnwis:query:*"), Glob.compile("*:hot:*"), Glob.compile("us*:x")),
        List.of("query", "hot", "us"));
    assertThat(regions.resolve("qnwis-bench:1")).isEqualTo("qnwis-bench");
    assertThat(regions.resolve("qnwis-bench:hot:1")).isEqualTo("hot");
    assertThat(regions.resolve("qnwis:query:1")).isEqualTo("query");
    assertThat(regions.resolve("qnwis:other:1")).isEqualTo("qnwis");
    assertThat(regions.resolve("user:x")).isEqualTo("us");
    assertThat(regions.resolve("user:y")).isEqualTo("user");
  }

  @Test
  void segmentsThatShareTheHashedCharactersStillGetTheirOwnRegions() {
    RegionResolver<String> regions = resolver(10);
    // Same length, first, middle and last characters: the table's hash cannot tell them apart.
    assertThat(regions.resolve("abcde:1")).isEqualTo("abcde");
    assertThat(regions.resolve("axcde:1")).isEqualTo("axcde");
    assertThat(regions.resolve("abcye:1")).isEqualTo("abcye");
    // The other segment's name further on in the key is no match either.
    assertThat(regions.resolve("axcye:abcde:1")).isEqualTo("axcye");
    assertThat(regions.resolve("abcde:2")).isEqualTo("abcde");
    assertThat(regions.resolve("axcde:2")).isEqualTo("axcde");
    // Keys beyond Latin-1, whose segment is Latin-1 or not.
    assertThat(regions.resolve("abcde:\u00e9t\u00e9\u4e2d")).isEqualTo("abcde");
    assertThat(regions.resolve("\u4e2dbcde:1")).isEqualTo("\u4e2dbcde");
    assertThat(regions.resolve("\u4e2dbcde:2")).isEqualTo("\u4e2dbcde");
    assertThat(created).containsExactly("abcde", "axcde", "abcye", "axcye", "\u4e2dbcde");
  }
}
