package io.qnwis.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void literalTextMatchesWholeTextOnly() {
    Glob glob = Glob.compile("qnwis:dash:summary");

    assertThat(glob.matches("qnwis:dash:summary")).isTrue();
    assertThat(glob.matches("qnwis:dash:summary:2024")).isFalse();
    assertThat(glob.matches("x:qnwis:dash:summary")).isFalse();
    assertThat(glob.matches("qnwis:dash:summar")).isFalse();
  }

  @Test
  void starMatchesAnyRunIncludingNone() {
    Glob glob = Glob.compile("qnwis:*:by-sector*");

    assertThat(glob.matches("qnwis::by-sector")).isTrue();
    assertThat(glob.matches("qnwis:query:by-sector:2024")).isTrue();
    assertThat(glob.matches("qnwis:query:by-region")).isFalse();
    assertThat(Glob.compile("*").matches("")).isTrue();
    assertThat(Glob.compile("*:hit").matches("a:b:hit")).isTrue();
    assertThat(Glob.compile("*:hit").matches("a:b:hit:")).isFalse();
  }

  @Test
  void comparesCaseInsensitivelyWhereverTheCaseDiffers() {
    Glob glob = Glob.compile("SELECT * FROM Job_Postings WHERE *");

    assertThat(glob.matches("SELECT * FROM job_postings WHERE id = ?")).isTrue();
    assertThat(glob.matches("select id from JOB_POSTINGS where id = ?")).isTrue();
    assertThat(glob.matches("select id from job_postings_archive where id = ?")).isFalse();
    assertThat(Glob.compile("qnwis:dash:*").matches("QNWIS:Dash:x")).isTrue();
    assertThat(Glob.compile("QNWIS:ÉTAT:*").matches("qnwis:état:x")).isTrue();
  }

  @Test
  void differentCharactersNeverMatch() {
    Glob glob = Glob.compile("qnwis:query:*");

    assertThat(glob.matches("qnwis:dash:x")).isFalse();
    assertThat(glob.matches("qnwis_query:x")).isFalse();
    assertThat(glob.matches("qnwis:quer")).isFalse();
  }

  @Test
  void rejectsBlankPatterns() {
    assertThatThrownBy(() -> Glob.compile(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Glob.compile(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
