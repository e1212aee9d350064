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

  /** Usually {@code Advices.transformer().advice(methodMatcher, AdviceClass.class.getName())}. */
  AgentBuilder.Transformer transformer();
}
