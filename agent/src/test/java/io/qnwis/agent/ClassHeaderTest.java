package io.qnwis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassHeaderTest {

  /** Classes of every shape: JDK, records, enums, interfaces, inner, generic, library classes. */
  private static final List<Class<?>> SAMPLES =
      List.of(
          Object.class,
          String.class,
          java.util.concurrent.ThreadPoolExecutor.class,
          java.util.concurrent.ConcurrentHashMap.class,
          java.sql.PreparedStatement.class,
          Thread.State.class,
          ClassHeader.class,
          Weaver.Target.class,
          Weaver.class,
          net.bytebuddy.pool.TypePool.Default.class,
          org.junit.jupiter.api.Test.class,
          java.util.Map.Entry.class);

  @Test
  void readsTheSuperclassAndInterfacesTheJvmSeesInEachClassFile() throws IOException {
    for (Class<?> type : SAMPLES) {
      ClassHeader header = ClassHeader.read(classFile(type));

      assertThat(header).as(type.getName()).isNotNull();
      // An interface's class file names Object as its superclass; reflection says none.
      Class<?> superclass = type.isInterface() ? Object.class : type.getSuperclass();
      assertThat(header.superName())
          .as(type.getName())
          .isEqualTo(superclass == null ? null : superclass.getName());
      assertThat(header.interfaceNames())
          .as(type.getName())
          .containsExactly(
              Arrays.stream(type.getInterfaces()).map(Class::getName).toArray(String[]::new));
    }
  }

  @Test
  void readsANameBeyondAsciiAsTheJvmDoes() throws IOException {
    Class<?> type = Ünicode.class;

    ClassHeader header = ClassHeader.read(classFile(Ünicode.Ställe.class));

    assertThat(header.superName()).isEqualTo(type.getName());
  }

  @Test
  void refusesWhatIsNoClassFileOrIsCutShort() throws IOException {
    byte[] whole = classFile(Weaver.class);

    assertThat(ClassHeader.read(null)).isNull();
    assertThat(ClassHeader.read(new byte[] {1, 2, 3})).isNull();
    assertThat(ClassHeader.read(Arrays.copyOf(whole, whole.length / 2))).isNull();
    byte[] unknownTag = whole.clone();
    unknownTag[10] = 99; // the first constant's tag
    assertThat(ClassHeader.read(unknownTag)).isNull();
  }

  /** A superclass whose name is not ASCII. */
  static class Ünicode {
    static final class Ställe extends Ünicode {}
  }

  static byte[] classFile(Class<?> type) throws IOException {
    String path = "/" + type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getResourceAsStream(path)) {
      return in.readAllBytes();
    }
  }
}
