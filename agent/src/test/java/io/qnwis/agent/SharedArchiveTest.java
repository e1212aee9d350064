package io.qnwis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SharedArchiveTest {

  @Test
  void theOptionsThatMapOrWriteAnArchiveOfApplicationClassesCount() {
    for (String option :
        new String[] {
          "-XX:SharedArchiveFile=/srv/app.jsa",
          "-XX:+AutoCreateSharedArchive",
          "-XX:ArchiveClassesAtExit=app.jsa",
          "-XX:AOTCache=app.aot",
          "-XX:AOTCacheOutput=app.aot",
          "-XX:AOTConfiguration=app.aotconf",
          "-XX:AOTMode=record"
        }) {
      assertThat(SharedArchive.archived(new String[] {"-Xmx512m", option})).as(option).isTrue();
    }
  }

  @Test
  void theJdksOwnArchiveAndSwitchedOffOnesDoNot() {
    assertThat(SharedArchive.archived(new String[] {})).isFalse();
    assertThat(SharedArchive.archived(new String[] {"-Xshare:auto", "-XX:AOTMode=off"})).isFalse();
    assertThat(SharedArchive.archived(new String[] {"-XX:-AutoCreateSharedArchive"})).isFalse();
  }
}
