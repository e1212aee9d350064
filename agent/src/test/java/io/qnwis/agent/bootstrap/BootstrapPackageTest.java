package io.qnwis.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap package is appended to the bootstrap class path, where advice woven into JDK
 * classes can see it; from there only JDK types resolve. A reference to anything else (the agent's
 * own classes, a shaded library) would fail with NoClassDefFoundError inside a JDK class, so the
 * build fails first.
 */
class BootstrapPackageTest {

  static final Path SOURCES = Path.of("src/main/java/io/qnwis/agent/bootstrap");
  static final Path CLASSES = Path.of("target/classes/io/qnwis/agent/bootstrap");
  static final Pattern IMPORT =
      Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

  @Test
  void sourcesImportOnlyJavaPackages() throws IOException {
    List<Path> sources = files(SOURCES, ".java");
    assertThat(sources).isNotEmpty();
    Set<String> offending = new TreeSet<>();
    for (Path source : sources) {
      Matcher imports = IMPORT.matcher(Files.readString(source));
      while (imports.find()) {
        if (!imports.group(2).startsWith("java.")) {
          offending.add(source.getFileName() + ": import " + imports.group(2));
        }
      }
    }
    assertThat(offending).isEmpty();
  }

  @Test
  void sourcesNameNoOtherAgentPackageInFull() throws IOException {
    for (Path source : files(SOURCES, ".java")) {
      String text = Files.readString(source).replace("package io.qnwis.agent.bootstrap;", "");
      assertThat(text)
          .as(source.toString())
          .doesNotContainPattern("io\\.qnwis\\.agent\\.(?!bootstrap\\.)");
    }
  }

  @Test
  void compiledClassesReferenceOnlyJdkAndBootstrapTypes() throws IOException {
    List<Path> classes = files(CLASSES, ".class");
    assertThat(classes).as("compiled bootstrap classes under %s", CLASSES).isNotEmpty();
    Set<String> referenced = new TreeSet<>();
    for (Path file : classes) {
      referenced.addAll(referencedTypes(Files.readAllBytes(file)));
    }
    assertThat(referenced).as("the scan sees references at all").contains("java/lang/Object");
    assertThat(referenced)
        .allSatisfy(
            type ->
                assertThat(type.startsWith("java/") || type.startsWith("io/qnwis/agent/bootstrap/"))
                    .as("bootstrap classes reference %s", type)
                    .isTrue());
  }

  /** Every internal type name in the class file: supertypes, fields, signatures, constants. */
  private static Set<String> referencedTypes(byte[] classFile) {
    Set<String> types = new TreeSet<>();
    Remapper recorder =
        new Remapper() {
          @Override
          public String map(String internalName) {
            types.add(internalName);
            return internalName;
          }
        };
    new ClassReader(classFile)
        .accept(new ClassRemapper(new ClassVisitor(Opcodes.ASM9) {}, recorder), 0);
    return types;
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
