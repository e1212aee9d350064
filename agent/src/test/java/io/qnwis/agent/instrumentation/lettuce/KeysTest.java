package io.qnwis.agent.instrumentation.lettuce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeysTest {

  @Test
  void readsStringAndUtf8KeysAsTextAndNothingElse() {
    byte[] utf8 = "qnwis:é:1".getBytes(StandardCharsets.UTF_8);
    assertThat(Keys.text("qnwis:1")).isEqualTo("qnwis:1");
    assertThat(Keys.text(utf8)).isEqualTo("qnwis:é:1");
    assertThat(Keys.text(ByteBuffer.wrap(utf8))).isEqualTo("qnwis:é:1");
    assertThat(Keys.text(new byte[] {(byte) 0xc3, (byte) 0x28})).isNull();
    assertThat(Keys.text(42)).isNull();
  }

  @Test
  void hashesByContentSoEqualValuesMatchAndChangedOnesDoNot() {
    assertThat(Keys.hash(new String("v1"))).isEqualTo(Keys.hash("v1"));
    assertThat(Keys.hash("v1")).isNotEqualTo(Keys.hash("v2"));
    assertThat(Keys.hash(new byte[] {1, 2})).isEqualTo(Keys.hash(new byte[] {1, 2}));
    assertThat(Keys.hash(new byte[] {1, 2})).isNotEqualTo(Keys.hash(new byte[] {1, 3}));
  }
}
