package io.qnwis.agent.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.CallableStatement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/**
 * Matching JDBC classes whose hierarchy holds a type with no class file, as the OpenTelemetry agent
 * leaves it: it adds interfaces it generates at run time (virtual-field accessors) to HikariCP's
 * HikariConfig, the superclass of HikariDataSource, and to drivers' statements.
 */
class JdbcMatchersTest {

  /**
   * An interface that agent generated, as it names it: loaded in the JVM, with no class file to
   * read.
   */
  private static final String GENERATED = "otel.VirtualFieldAccessor$pool$Config$java$lang$Boolean";

  /** Like HikariConfig under that agent: a superclass implementing the generated interface. */
  private static final byte[] CONFIG = classFile("pool.Config", "java.lang.Object", GENERATED);

  /**
   * Like HikariDataSource: the data source, a subclass of the config; the agent's interface first.
   */
  private static final byte[] POOL_DATA_SOURCE =
      classFile("pool.PoolDataSource", "pool.Config", GENERATED, DataSource.class.getName());

  /** A subclass of that data source: what it implements, it inherits. */
  private static final byte[] SUB_DATA_SOURCE =
      classFile("pool.SubDataSource", "pool.PoolDataSource");

  /** A class whose only link to DataSource would run through the generated interface. */
  private static final byte[] UNRELATED = classFile("pool.Unrelated", "pool.Config");

  private static byte[] classFile(String name, String superName, String... interfaces) {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(
        Opcodes.V11,
        Opcodes.ACC_PUBLIC,
        internal(name),
        null,
        internal(superName),
        Arrays.stream(interfaces).map(JdbcMatchersTest::internal).toArray(String[]::new));
    writer.visitEnd();
    return writer.toByteArray();
  }

  private static String internal(String name) {
    return name.replace('.', '/');
  }

  private static final Map<String, byte[]> CLASS_FILES =
      Map.of(
          "pool.Config", CONFIG,
          "pool.PoolDataSource", POOL_DATA_SOURCE,
          "pool.SubDataSource", SUB_DATA_SOURCE,
          "pool.Unrelated", UNRELATED);

  private static TypeDescription describe(String name) {
    ClassFileLocator locator =
        new ClassFileLocator.Compound(
            new ClassFileLocator.Simple(CLASS_FILES),
            ClassFileLocator.ForClassLoader.ofSystemLoader());
    return TypePool.Default.WithLazyResolution.of(locator).describe(name).resolve();
  }

  @Test
  void aDataSourceIsFoundPastAGeneratedInterfaceOfItsSuperclass() {
    TypeDescription dataSource = describe("pool.PoolDataSource");

    assertThat(JdbcMatchers.implementing("javax.sql.DataSource").matches(dataSource)).isTrue();
    assertThat(JdbcMatchers.topmostImplementing("javax.sql.DataSource").matches(dataSource))
        .isTrue();
  }

  @Test
  void aSubclassOfADataSourceImplementsItButIsNotTheTopmost() {
    TypeDescription subclass = describe("pool.SubDataSource");

    assertThat(JdbcMatchers.implementing("javax.sql.DataSource").matches(subclass)).isTrue();
    assertThat(JdbcMatchers.topmostImplementing("javax.sql.DataSource").matches(subclass))
        .isFalse();
  }

  @Test
  void theMatchersOfOneClassReadItsSupertypesOnceAndNoneAboveTheJdksOwn() {
    // A pool that caches nothing reads a class file each time a walk describes the type.
    Map<String, Integer> reads = new HashMap<>();
    ClassFileLocator counting =
        new ClassFileLocator() {
          @Override
          public Resolution locate(String name) throws IOException {
            reads.merge(name, 1, Integer::sum);
            byte[] classFile = CLASS_FILES.get(name);
            return classFile != null
                ? new Resolution.Explicit(classFile)
                : ClassFileLocator.ForClassLoader.ofSystemLoader().locate(name);
          }

          @Override
          public void close() {}
        };
    TypeDescription dataSource =
        new TypePool.Default.WithLazyResolution(
                TypePool.CacheProvider.NoOp.INSTANCE, counting, TypePool.Default.ReaderMode.FAST)
            .describe("pool.PoolDataSource")
            .resolve();

    assertThat(JdbcMatchers.implementing("javax.sql.DataSource").matches(dataSource)).isTrue();
    assertThat(JdbcMatchers.topmostImplementing("javax.sql.DataSource").matches(dataSource))
        .isTrue();
    assertThat(JdbcMatchers.implementing("java.sql.Statement").matches(dataSource)).isFalse();
    assertThat(JdbcMatchers.topmostImplementing("java.sql.Statement").matches(dataSource))
        .isFalse();
    assertThat(JdbcMatchers.implementing("java.sql.Connection").matches(dataSource)).isFalse();
    assertThat(reads).containsEntry("pool.Config", 1).containsEntry("javax.sql.DataSource", 1);
    // No JDK type outside java.sql and javax.sql reaches a JDBC interface: none is read.
    assertThat(reads).doesNotContainKey("java.lang.Object");
  }

  @Test
  void byteBuddysOwnSupertypeMatcherFailsThere() {
    // Why the agent walks the hierarchy itself: this failure, swallowed by a fail-safe matcher,
    // left HikariDataSource unwoven when the OpenTelemetry agent was attached first.
    TypeDescription dataSource = describe("pool.PoolDataSource");

    assertThatThrownBy(
            () ->
                ElementMatchers.hasSuperType(ElementMatchers.named("javax.sql.DataSource"))
                    .matches(dataSource))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(GENERATED);
  }

  @Test
  void aClassReachingNoJdbcInterfaceDoesNotMatch() {
    assertThat(
            JdbcMatchers.implementing("javax.sql.DataSource").matches(describe("pool.Unrelated")))
        .isFalse();
  }

  @Test
  void aJdbcInterfaceIsFoundThroughItsOwnSuperinterfaces() {
    TypeDescription callable = TypeDescription.ForLoadedType.of(CallableStatement.class);

    assertThat(JdbcMatchers.hasSuperTypeNamed("java.sql.Statement").matches(callable)).isTrue();
    assertThat(JdbcMatchers.hasSuperTypeNamed("java.sql.Connection").matches(callable)).isFalse();
  }
}
