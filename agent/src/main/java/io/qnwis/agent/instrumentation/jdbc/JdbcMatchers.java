package io.qnwis.agent.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
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
        .and(hasSuperType(named(interfaceName)));
  }

  /**
   * Of the classes {@link #implementing} {@code interfaceName}, those whose superclass does not:
   * what they gain, their subclasses inherit.
   */
  static ElementMatcher.Junction<TypeDescription> topmostImplementing(String interfaceName) {
    ElementMatcher<TypeDescription> implementsIt = hasSuperType(named(interfaceName));
    return implementing(interfaceName)
        .and(
            new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
              @Override
              public boolean matches(TypeDescription type) {
                TypeDescription.Generic superClass = type.getSuperClass();
                return superClass == null || !implementsIt.matches(superClass.asErasure());
              }
            });
  }

  /** Public methods with a body (advice cannot be woven into abstract ones). */
  static ElementMatcher.Junction<MethodDescription> publicWithBody(String... names) {
    return net.bytebuddy.matcher.ElementMatchers.<MethodDescription>namedOneOf(names)
        .and(isPublic())
        .and(not(isAbstract()));
  }
}
