package io.qnwis.agent.instrumentation.lettuce;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Redis keys and values as the agent needs them: keys as text, to find their region, and 64-bit
 * hashes of keys and values, to tell consecutive writes apart. Neither is kept or exported.
 */
final class Keys {

  private Keys() {}

  /**
   * The key as text: a String as is, a {@code byte[]} or {@code ByteBuffer} that is valid UTF-8
   * decoded; null for anything else (the key then counts in the {@code binary} region).
   */
  static String text(Object key) {
    if (key instanceof String text) {
      return text;
    }
    if (key instanceof byte[] bytes) {
      return utf8(ByteBuffer.wrap(bytes));
    }
    if (key instanceof ByteBuffer buffer) {
      return utf8(buffer.duplicate());
    }
    if (key instanceof char[] chars) {
      return new String(chars);
    }
    return null;
  }

  /**
   * A 64-bit hash of the content of a String, byte[] or ByteBuffer (its 32-bit content hash and its
   * length: the JDK computes those fast, and a String caches its hash); else hashCode(). Collisions
   * only hide a change now and then, which the estimate tolerates.
   */
  static long hash(Object object) {
    if (object instanceof String text) {
      return ((long) text.hashCode() << 32) ^ text.length();
    }
    if (object instanceof byte[] bytes) {
      return ((long) Arrays.hashCode(bytes) << 32) ^ bytes.length;
    }
    if (object instanceof ByteBuffer buffer) {
      return ((long) buffer.hashCode() << 32) ^ buffer.remaining();
    }
    return object == null ? 0 : object.hashCode();
  }

  private static String utf8(ByteBuffer bytes) {
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(bytes);
      return chars.toString();
    } catch (CharacterCodingException notText) {
      return null;
    }
  }
}
