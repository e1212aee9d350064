package io.qnwis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnwis.agent.instrumentation.InstrumentationModule;
import io.qnwis.agent.instrumentation.InstrumentationModules;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class IgnoredTypesTest {

  private static final ClassLoader APP = IgnoredTypesTest.class.getClassLoader();

  @Test
  void onlyExecutorsAreOfferedFromTheBootstrapLoader() {
    assertThat(IgnoredTypes.ignored("java.util.concurrent.ThreadPoolExecutor", null)).isFalse();
    assertThat(IgnoredTypes.ignored("java.util.concurrent.ForkJoinPool", null)).isFalse();
    assertThat(IgnoredTypes.ignored("java.util.concurrent.AbstractExecutorService", null))
        .isFalse();
    assertThat(
            IgnoredTypes.ignored(
                "java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask", null))
        .isFalse();
    assertThat(IgnoredTypes.ignored("java.util.concurrent.ConcurrentLinkedQueue", null)).isTrue();
    assertThat(IgnoredTypes.ignored("java.lang.String", null)).isTrue();
    assertThat(IgnoredTypes.ignored("java.util.concurrent.atomic.AtomicLong", null)).isTrue();
    assertThat(IgnoredTypes.ignored("java.util.concurrent.locks.ReentrantLock", null)).isTrue();
  }

  @Test
  void packagesWithoutTargetsAreIgnoredByName() {
    assertThat(IgnoredTypes.ignored("io.netty.channel.DefaultChannelPipeline", APP)).isTrue();
    assertThat(IgnoredTypes.ignored("reactor.core.publisher.Mono", APP)).isTrue();
    assertThat(IgnoredTypes.ignored("org.h2.mvstore.MVStore", APP)).isTrue();
    assertThat(IgnoredTypes.ignored("io.qnwis.agent.AgentStarter", APP)).isTrue();
    assertThat(IgnoredTypes.ignored("jdk.internal.reflect.GeneratedMethodAccessor1", APP)).isTrue();
    assertThat(IgnoredTypes.ignored("java.sql.DriverManager", APP)).isTrue();
    assertThat(IgnoredTypes.ignored("io.lettuce.core.RedisClient", APP)).isTrue();
  }

  @Test
  void targetsStayOffered() {
    assertThat(IgnoredTypes.ignored("org.h2.jdbc.JdbcStatement", APP)).isFalse();
    assertThat(IgnoredTypes.ignored("org.h2.jdbcx.JdbcDataSource", APP)).isFalse();
    assertThat(IgnoredTypes.ignored("com.zaxxer.hikari.HikariDataSource", APP)).isFalse();
    assertThat(IgnoredTypes.ignored("org.postgresql.jdbc.PgStatement", APP)).isFalse();
    assertThat(IgnoredTypes.ignored("io.lettuce.core.RedisCommandBuilder", APP)).isFalse();
  }

  /**
   * The name filter must never hide a class an instrumentation matches: every class of the
   * libraries on the test class path (Lettuce, HikariCP, H2) and of java.util.concurrent is run
   * through every matcher.
   */
  @Test
  void everyMatchedClassOfTheLibrariesIsOffered() throws Exception {
    List<TypeInstrumentation> instrumentations = new ArrayList<>();
    for (InstrumentationModule module : InstrumentationModules.all()) {
      instrumentations.addAll(module.typeInstrumentations());
    }
    TypePool pool = TypePool.Default.of(APP);
    List<String> matched = new ArrayList<>();
    List<String> hidden = new ArrayList<>();
    for (Class<?> library :
        List.of(
            io.lettuce.core.RedisClient.class,
            com.zaxxer.hikari.HikariDataSource.class,
            org.h2.Driver.class)) {
      Path jar = Path.of(library.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (String name : classNames(jar)) {
        TypeDescription type = pool.describe(name).resolve();
        for (TypeInstrumentation instrumentation : instrumentations) {
          if (instrumentation.classLoaderMatcher().matches(APP)
              && ElementMatchers.failSafe(instrumentation.typeMatcher()).matches(type)) {
            matched.add(name);
            if (IgnoredTypes.ignored(name, APP)) {
              hidden.add(name);
            }
          }
        }
      }
    }
    // The bootstrap loader's candidates: java.util.concurrent and its subpackages.
    TypePool jdk = TypePool.Default.ofBootLoader();
    try (Stream<Path> files =
        Files.walk(FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules/java.base"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String path = file.toString();
        if (path.startsWith("/modules/java.base/java/util/concurrent/")
            && path.endsWith(".class")) {
          String name =
              path.substring("/modules/java.base/".length(), path.length() - ".class".length())
                  .replace('/', '.');
          TypeDescription type = jdk.describe(name).resolve();
          for (TypeInstrumentation instrumentation : instrumentations) {
            if (instrumentation.classLoaderMatcher().matches(null)
                && ElementMatchers.failSafe(instrumentation.typeMatcher()).matches(type)) {
              matched.add(name);
              if (IgnoredTypes.ignored(name, null)) {
                hidden.add(name);
              }
            }
          }
        }
      }
    }
    assertThat(hidden).isEmpty();
    assertThat(matched)
        .contains(
            "java.util.concurrent.ThreadPoolExecutor",
            "java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask",
            "io.lettuce.core.RedisCommandBuilder",
            "io.lettuce.core.output.ValueListOutput",
            "com.zaxxer.hikari.pool.HikariProxyPreparedStatement",
            "com.zaxxer.hikari.HikariDataSource",
            "org.h2.jdbc.JdbcConnection",
            "org.h2.jdbcx.JdbcDataSource");
  }

  private static List<String> classNames(Path jar) throws Exception {
    List<String> names = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
        String entry = entries.nextElement().getName();
        if (entry.endsWith(".class") && !entry.contains("-") && !entry.startsWith("META-INF/")) {
          names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
        }
      }
    }
    return names;
  }
}
