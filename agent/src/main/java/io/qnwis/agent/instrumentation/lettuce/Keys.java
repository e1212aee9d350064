package io.qnwis.agent.instrumentation.lettuce;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Redis keys and values as the agent needs them: keys as text, to find their region, and 64-bit
 * hashes of keys and values, to tell consecutive writes apart. Neither is kept or exported.
 */
final class Keys {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

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

  /** A 64-bit FNV-1a hash of the content of a String, byte[] or ByteBuffer; else hashCode(). */
  static long hash(Object object) {
    if (object instanceof String text) {
      long hash = FNV_OFFSET;
      for (int i = 0; i < text.length(); i++) {
        hash = (hash ^ text.charAt(i)) * FNV_PRIME;
      }
      return hash;
    }
    if (object instanceof byte[] bytes) {
      long hash = FNV_OFFSET;
      for (byte b : bytes) {
        hash = (hash ^ (b & 0xff)) * FNV_PRIME;
      }
      return hash;
    }
    if (object instanceof ByteBuffer buffer) {
      long hash = FNV_OFFSET;
      for (int i = buffer.position(); i < buffer.limit(); i++) {
        hash = (hash ^ (buffer.get(i) & 0xff)) * FNV_PRIME;
      }
      return hash;
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
