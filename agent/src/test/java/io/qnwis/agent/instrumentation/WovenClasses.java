package io.qnwis.agent.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;

/** Class files of test classes, an {@link AddedField} applied to them, and the result defined. */
public final class WovenClasses {

  private WovenClasses() {}

  /** The class file {@code type} was loaded from. */
  public static byte[] classFile(Class<?> type) throws IOException {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  /** {@code classFile} as {@code field}'s writer rewrites it. */
  public static byte[] withField(AddedField field, byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(field.writer(writer), 0);
    return writer.toByteArray();
  }

  /** Defines {@code type}'s class from {@code classFile} in a loader of its own. */
  public static Class<?> define(Class<?> type, byte[] classFile) throws ClassNotFoundException {
    String name = type.getName();
    return new ClassLoader(type.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String className, boolean resolve)
          throws ClassNotFoundException {
        if (className.equals(name)) {
          synchronized (getClassLoadingLock(className)) {
            Class<?> loaded = findLoadedClass(className);
            return loaded != null ? loaded : defineClass(className, classFile, 0, classFile.length);
          }
        }
        return super.loadClass(className, resolve);
      }
    }.loadClass(name);
  }
}
