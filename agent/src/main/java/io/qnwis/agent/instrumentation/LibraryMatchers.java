package io.qnwis.agent.instrumentation;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Class-loader pre-checks: a loader is only offered a library's type matchers if it can see a
 * marker class of that library. Answers are cached per loader (weakly, so loaders can unload).
 */
public final class LibraryMatchers {

  private LibraryMatchers() {}

  /** Matches loaders that can load {@code markerClassName} (as a resource: nothing is loaded). */
  public static ElementMatcher<ClassLoader> hasClass(String markerClassName) {
    String resource = markerClassName.replace('.', '/') + ".class";
    Map<ClassLoader, Boolean> cache = new WeakHashMap<>();
    return loader -> {
      if (loader == null) {
        return Object.class.getResource("/" + resource) != null;
      }
      synchronized (cache) {
        return cache.computeIfAbsent(loader, l -> l.getResource(resource) != null);
      }
    };
  }
}
