package io.qnwis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.instrumentation.InstrumentationModule;
import io.qnwis.agent.instrumentation.InstrumentationModules;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import io.qnwis.fixtures.weaver.Marked;
import io.qnwis.fixtures.weaver.MarkedBase;
import io.qnwis.fixtures.weaver.Marker;
import io.qnwis.fixtures.weaver.Other;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuperTypeScreenTest {

  private static final ClassLoader APP = SuperTypeScreenTest.class.getClassLoader();
  private static final String MARKER = Marker.class.getName();

  @Test
  void passesOverAClassThatReachesNoRequiredType() throws IOException {
    SuperTypeScreen screen = new SuperTypeScreen(Set.of(MARKER));

    assertThat(mayMatch(screen, Other.class)).isFalse();
  }

  @Test
  void keepsAClassThatReachesARequiredTypeThroughItsSupertypes() throws IOException {
    SuperTypeScreen screen = new SuperTypeScreen(Set.of(MARKER));

    assertThat(mayMatch(screen, Marked.class)).isTrue();
    assertThat(mayMatch(screen, MarkedBase.class)).isTrue();
    // The type itself is its own first supertype.
    assertThat(mayMatch(screen, Marker.class)).isTrue();
  }

  @Test
  void walksJdbcTypesButNoOtherJdkType() {
    Map<String, byte[]> files = new HashMap<>();
    put(files, "app.Statement", "java.lang.Object", "java.sql.PreparedStatement");
    put(files, "app.Listing", "java.util.ArrayList");
    ClassLoader loader = new FilesLoader(files);

    SuperTypeScreen jdbc = new SuperTypeScreen(Set.of("java.sql.Statement"));
    assertThat(jdbc.mayMatch("app.Statement", loader, null, files.get("app.Statement"))).isTrue();
    // ArrayList implements List, but the walk does not read JDK class files outside JDBC.
    SuperTypeScreen list = new SuperTypeScreen(Set.of("java.util.List"));
    assertThat(list.mayMatch("app.Listing", loader, null, files.get("app.Listing"))).isFalse();
  }

  @Test
  void leavesAClassToTheMatchersWhenASupertypeHasNoClassFile() {
    // As the OpenTelemetry agent leaves HikariCP's config: an interface it generated, unreadable.
    Map<String, byte[]> files = new HashMap<>();
    put(files, "pool.Config", "java.lang.Object", "otel.GeneratedAccessor");
    put(files, "pool.Unrelated", "pool.Config");
    ClassLoader loader = new FilesLoader(files);
    SuperTypeScreen screen = new SuperTypeScreen(Set.of("javax.sql.DataSource"));

    assertThat(screen.mayMatch("pool.Unrelated", loader, null, files.get("pool.Unrelated")))
        .isTrue();
    assertThat(screen.mayMatch("pool.Odd", loader, null, new byte[] {1, 2, 3})).isTrue();
  }

  @Test
  void screensNothingOutWhenAnInstrumentationCannotSayOrForTheBootLoader() throws IOException {
    assertThat(mayMatch(new SuperTypeScreen(null), Other.class)).isTrue();
    assertThat(new SuperTypeScreen(Set.of(MARKER)).mayMatch("x.Boot", null, null, new byte[0]))
        .isTrue();
  }

  @Test
  void remembersWhatATypeReachesSoASharedSupertypeIsReadOnce() throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    put(files, "app.Base", "java.lang.Object", MARKER);
    put(files, "app.One", "app.Base");
    put(files, "app.Two", "app.Base");
    FilesLoader loader = new FilesLoader(files);
    SuperTypeScreen screen = new SuperTypeScreen(Set.of(MARKER));

    assertThat(screen.mayMatch("app.One", loader, null, files.get("app.One"))).isTrue();
    assertThat(screen.mayMatch("app.Two", loader, null, files.get("app.Two"))).isTrue();
    assertThat(loader.read).containsExactly("app/Base.class");

    // Past its bound it remembers nothing more and still answers alike.
    FilesLoader again = new FilesLoader(files);
    SuperTypeScreen full = new SuperTypeScreen(Set.of(MARKER), 0);
    assertThat(full.mayMatch("app.One", again, null, files.get("app.One"))).isTrue();
    assertThat(full.mayMatch("app.Two", again, null, files.get("app.Two"))).isTrue();
    assertThat(again.read).containsExactly("app/Base.class", "app/Base.class");
  }

  @Test
  void readsASupertypeFromTheLoadingClassesOwnDirectoryBeforeAskingTheLoader(@TempDir Path root)
      throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    put(files, "app.Base", "java.lang.Object", MARKER);
    put(files, "app.One", "app.Base");
    Files.createDirectories(root.resolve("app"));
    Files.write(root.resolve("app/Base.class"), files.get("app.Base"));
    FilesLoader loader = new FilesLoader(files);
    SuperTypeScreen screen = new SuperTypeScreen(Set.of(MARKER));

    URL location = root.toUri().toURL();
    assertThat(screen.mayMatch("app.One", loader, location, files.get("app.One"))).isTrue();
    assertThat(loader.read).isEmpty();
  }

  @Test
  void readsASupertypeFromTheLoadingClassesOwnJar(@TempDir Path root) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    put(files, "app.Base", "java.lang.Object", MARKER);
    put(files, "app.One", "app.Base");
    Path jar = root.resolve("app.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("app/Base.class"));
      out.write(files.get("app.Base"));
    }
    FilesLoader loader = new FilesLoader(files);
    SuperTypeScreen screen = new SuperTypeScreen(Set.of(MARKER));

    URL location = jar.toUri().toURL();
    assertThat(screen.mayMatch("app.One", loader, location, files.get("app.One"))).isTrue();
    assertThat(loader.read).isEmpty();
    // Not there: the loader is asked.
    put(files, "app.Two", "app.Other");
    put(files, "app.Other", "java.lang.Object", MARKER);
    assertThat(screen.mayMatch("app.Two", loader, location, files.get("app.Two"))).isTrue();
    assertThat(loader.read).containsExactly("app/Other.class");
  }

  /**
   * The screen never passes over a class an instrumentation matches: every instrumentation says
   * what it requires (else nothing is screened out), and for the drivers', pools' and Lettuce's
   * classes on the test class path, whatever a matcher takes the screen keeps.
   */
  @Test
  void keepsEveryClassAnInstrumentationMatches() throws IOException {
    Set<String> required = new HashSet<>();
    List<TypeInstrumentation> types = new ArrayList<>();
    for (InstrumentationModule module : InstrumentationModules.all()) {
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        assertThat(type.requiredTypeNames()).as(type.getClass().getName()).isNotNull();
        required.addAll(type.requiredTypeNames());
        types.add(type);
      }
    }
    SuperTypeScreen screen = new SuperTypeScreen(required);
    TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(APP));
    List<String> matched = new ArrayList<>();
    for (String name :
        List.of(
            "org.h2.jdbc.JdbcConnection",
            "org.h2.jdbc.JdbcPreparedStatement",
            "org.h2.jdbc.JdbcCallableStatement",
            "org.h2.jdbcx.JdbcDataSource",
            "com.zaxxer.hikari.HikariDataSource",
            "com.zaxxer.hikari.pool.HikariProxyConnection",
            "com.zaxxer.hikari.pool.HikariProxyPreparedStatement",
            "com.zaxxer.hikari.pool.ProxyStatement",
            "io.lettuce.core.protocol.Command",
            "io.lettuce.core.protocol.AsyncCommand",
            "io.lettuce.core.RedisCommandBuilder",
            "io.lettuce.core.output.ValueListOutput",
            "com.zaxxer.hikari.HikariConfig",
            "org.h2.util.Utils",
            "io.lettuce.core.RedisURI")) {
      TypeDescription description = pool.describe(name).resolve();
      boolean matches = types.stream().anyMatch(type -> type.typeMatcher().matches(description));
      if (matches) {
        matched.add(name);
      }
      boolean kept = screen.mayMatch(name, APP, null, classFile(name));
      assertThat(kept).as(name).isEqualTo(matches || !notTargets().contains(name));
    }
    assertThat(matched).hasSize(12);
  }

  private static Set<String> notTargets() {
    return Set.of(
        "com.zaxxer.hikari.HikariConfig", "org.h2.util.Utils", "io.lettuce.core.RedisURI");
  }

  private static boolean mayMatch(SuperTypeScreen screen, Class<?> type) throws IOException {
    return screen.mayMatch(
        type.getName(),
        APP,
        type.getProtectionDomain().getCodeSource().getLocation(),
        ClassHeaderTest.classFile(type));
  }

  private static byte[] classFile(String name) throws IOException {
    try (InputStream in = APP.getResourceAsStream(name.replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  private static void put(
      Map<String, byte[]> files, String name, String superName, String... interfaces) {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(
        Opcodes.V11,
        Opcodes.ACC_PUBLIC,
        name.replace('.', '/'),
        null,
        superName.replace('.', '/'),
        Arrays.stream(interfaces).map(each -> each.replace('.', '/')).toArray(String[]::new));
    writer.visitEnd();
    files.put(name, writer.toByteArray());
  }

  /** Serves the given class files, and the platform's (java.sql) from its parent. */
  private static final class FilesLoader extends ClassLoader {
    private final Map<String, byte[]> files;
    final List<String> read = new ArrayList<>();

    FilesLoader(Map<String, byte[]> files) {
      super(ClassLoader.getPlatformClassLoader());
      this.files = files;
    }

    @Override
    public InputStream getResourceAsStream(String path) {
      byte[] file = files.get(path.replace('/', '.').replaceAll("\\.class$", ""));
      if (file == null) {
        return super.getResourceAsStream(path);
      }
      read.add(path);
      return new ByteArrayInputStream(file);
    }
  }
}
