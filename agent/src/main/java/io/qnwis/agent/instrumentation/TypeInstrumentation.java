package io.qnwis.agent.instrumentation;

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
