package io.qnwis.agent.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.qnwis.agent.instrumentation.LibraryMatchers;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matchers shared by the JDBC instrumentations. Drivers and pools have no common package, so types
 * are found by the JDBC interface they implement, after cheap exclusions by name: the JDK's own
 * classes are no driver, and skipping them spares parsing the class file and walking its hierarchy,
 * the costly part of matching at start-up.
 */
final class JdbcMatchers {

  private JdbcMatchers() {}

  /** Loaders that can see JDBC at all. */
  static ElementMatcher<ClassLoader> jdbcVisible() {
    return LibraryMatchers.hasClass("java.sql.Statement");
  }

  /** Concrete or abstract classes (not interfaces) implementing {@code interfaceName}. */
  static ElementMatcher.Junction<TypeDescription> implementing(String interfaceName) {
    // Names first: they need no parsing of the class file. Lettuce is no driver either, and a
    // service using it loads hundreds of its classes.
    return not(nameStartsWith("java."))
        .and(not(nameStartsWith("javax.")))
        .and(not(nameStartsWith("jdk.")))
        .and(not(nameStartsWith("sun.")))
        .and(not(nameStartsWith("com.sun.")))
        .and(not(nameStartsWith("io.lettuce.")))
        .and(not(isInterface()))
        .and(hasSuperTypeNamed(interfaceName));
  }

  /**
   * Of the classes {@link #implementing} {@code interfaceName}, those whose superclass does not:
   * what they gain, their subclasses inherit.
   */
  static ElementMatcher.Junction<TypeDescription> topmostImplementing(String interfaceName) {
    return implementing(interfaceName)
        .and(
            new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
              @Override
              public boolean matches(TypeDescription type) {
                return !SuperTypeNames.of(type).viaSuperClass().contains(interfaceName);
              }
            });
  }

  /**
   * The type itself or one of its supertypes is named {@code typeName}. Unlike Byte Buddy's {@code
   * hasSuperType}, a supertype whose class file cannot be found is passed over rather than failing
   * the whole match: the OpenTelemetry agent adds interfaces it generates at run time (its
   * virtual-field accessors, on HikariCP's HikariConfig and on drivers' statements) to the classes
   * it instruments, and those have no class file.
   */
  static ElementMatcher.Junction<TypeDescription> hasSuperTypeNamed(String typeName) {
    return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
      @Override
      public boolean matches(TypeDescription type) {
        return SuperTypeNames.of(type).all().contains(typeName);
      }
    };
  }

  /** Public methods with a body (advice cannot be woven into abstract ones). */
  static ElementMatcher.Junction<MethodDescription> publicWithBody(String... names) {
    return net.bytebuddy.matcher.ElementMatchers.<MethodDescription>namedOneOf(names)
        .and(isPublic())
        .and(not(isAbstract()));
  }
}
