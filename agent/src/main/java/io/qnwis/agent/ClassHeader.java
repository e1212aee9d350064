package io.qnwis.agent;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The superclass and interfaces a class file names, read from its constant pool and the header
 * after it, without parsing fields, methods or attributes: what {@link SuperTypeScreen} needs of a
 * class, at a fraction of what describing it with Byte Buddy costs.
 *
 * @param superName the superclass's binary name ({@code java.lang.Object}), null for {@code Object}
 *     and for {@code module-info}
 * @param interfaceNames the binary names of the interfaces it declares
 */
record ClassHeader(String superName, String[] interfaceNames) {

  private static final int MAGIC = 0xCAFEBABE;

  /** The header of {@code classFile}, or null if it is no class file this reader understands. */
  static ClassHeader read(byte[] classFile) {
    if (classFile == null) {
      return null;
    }
    try {
      return parse(classFile);
    } catch (IndexOutOfBoundsException | IOException truncated) {
      return null;
    }
  }

  private static ClassHeader parse(byte[] b) throws IOException {
    if (b.length < 10 || int4(b, 0) != MAGIC) {
      return null;
    }
    int count = u2(b, 8);
    // For each constant pool index: where its entry starts (the tag byte).
    int[] entries = new int[count];
    int at = 10;
    for (int index = 1; index < count; index++) {
      entries[index] = at;
      int tag = b[at];
      int size =
          switch (tag) {
            case 1 -> 3 + u2(b, at + 1); // Utf8
            case 7, 8, 16, 19, 20 -> 3; // Class, String, MethodType, Module, Package
            case 15 -> 4; // MethodHandle
            case 3, 4, 9, 10, 11, 12, 17, 18 -> 5; // Integer, Float, refs, NameAndType, dynamic
            case 5, 6 -> 9; // Long, Double: they take two indexes
            default -> -1;
          };
      if (size < 0) {
        return null; // a tag this reader does not know: a newer class file format
      }
      at += size;
      if (tag == 5 || tag == 6) {
        index++;
      }
    }
    int superIndex = u2(b, at + 4);
    int interfaces = u2(b, at + 6);
    String[] interfaceNames = new String[interfaces];
    for (int i = 0; i < interfaces; i++) {
      interfaceNames[i] = className(b, entries, u2(b, at + 8 + 2 * i));
    }
    String superName = superIndex == 0 ? null : className(b, entries, superIndex);
    return new ClassHeader(superName, interfaceNames);
  }

  /** The binary name of the Class constant at {@code index}. */
  private static String className(byte[] b, int[] entries, int index) throws IOException {
    int entry = entries[index];
    if (b[entry] != 7) {
      throw new IOException("constant " + index + " is no class");
    }
    int utf8 = entries[u2(b, entry + 1)];
    if (b[utf8] != 1) {
      throw new IOException("constant " + index + " names no UTF-8 constant");
    }
    int length = u2(b, utf8 + 1);
    int start = utf8 + 3;
    for (int i = start; i < start + length; i++) {
      if (b[i] < 0) {
        // Beyond ASCII: the class file's modified UTF-8, as the JDK reads it.
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b, utf8 + 1, length + 2));
        return in.readUTF().replace('/', '.');
      }
    }
    return new String(b, start, length, StandardCharsets.ISO_8859_1).replace('/', '.');
  }

  private static int u2(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  private static int int4(byte[] b, int at) {
    return (u2(b, at) << 16) | u2(b, at + 2);
  }
}
