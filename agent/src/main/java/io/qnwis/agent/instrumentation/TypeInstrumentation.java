package io.qnwis.agent.instrumentation;

import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * One instrumented type (or family of types): which classes, and the advice woven into them.
 * Matchers go from cheap to costly: {@link #classLoaderMatcher()} first (is the library there at
 * all), then {@link #typeMatcher()} by name, with hierarchy checks last.
 */
public interface TypeInstrumentation {

  /** Loaders that can contain the target; the default accepts every loader. */
  default ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ElementMatchers.any();
  }

  ElementMatcher<TypeDescription> typeMatcher();

  /**
   * Names of which the type itself, or a supertype reached without going above a type {@link
   * #hierarchyWalkStopsAt}, must bear one for {@link #typeMatcher()} to match it; null if it cannot
   * say. When every enabled instrumentation says, a loading class that reaches none of them is
   * passed over from its class file's header alone (the weaver's {@code SuperTypeScreen}).
   */
  default Set<String> requiredTypeNames() {
    return null;
  }

  /**
   * Where walks of a class's supertypes stop: at a JDK type outside {@code java.sql} and {@code
   * javax.sql}. Its class file would come from the runtime image, the costly part of a walk, and no
   * such type reaches a JDBC interface.
   */
  static boolean hierarchyWalkStopsAt(String typeName) {
    return (typeName.startsWith("java.") && !typeName.startsWith("java.sql."))
        || (typeName.startsWith("javax.") && !typeName.startsWith("javax.sql."));
  }

  /**
   * The bootstrap interface {@link #transformer()} adds to a class (with fields implementing it),
   * or null if it changes no class's shape. Retransformation cannot add fields or interfaces, so
   * such a transformer is applied to a class as it loads, and to a loaded class only if it has them
   * already (it was woven as it loaded, and is retransformed since): never to a class loaded before
   * the agent. Its advice then needs a path for instances without the interface.
   */
  default Class<?> addedInterface() {
    return null;
  }

  /** Usually {@code Advices.transformer().advice(methodMatcher, AdviceClass.class.getName())}. */
  AgentBuilder.Transformer transformer();
}
