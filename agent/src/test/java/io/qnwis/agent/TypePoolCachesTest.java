package io.qnwis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class TypePoolCachesTest {

  private static TypePool.Resolution resolution() {
    return new TypePool.Resolution.Simple(TypeDescription.ForLoadedType.of(Object.class));
  }

  @Test
  void eachLoaderHasItsOwnCache() throws Exception {
    TypePoolCaches caches = new TypePoolCaches();
    try (URLClassLoader one = new URLClassLoader(new URL[0]);
        URLClassLoader two = new URLClassLoader(new URL[0])) {
      TypePool.Resolution registered = resolution();
      caches.locate(one).register("com.example.Base", registered);

      assertThat(caches.locate(one).find("com.example.Base")).isSameAs(registered);
      assertThat(caches.locate(two).find("com.example.Base")).isNull();
      assertThat(caches.locate(null).find("com.example.Base")).isNull();
    }
  }

  @Test
  void allCachesTogetherStopGrowingAtTheCap() throws Exception {
    TypePoolCaches caches = new TypePoolCaches();
    try (URLClassLoader one = new URLClassLoader(new URL[0]);
        URLClassLoader two = new URLClassLoader(new URL[0])) {
      for (int i = 0; i < TypePoolCaches.MAX_TYPES; i++) {
        caches.locate(i % 2 == 0 ? one : two).register("T" + i, resolution());
      }

      caches.locate(null).register("Late", resolution());
      caches.locate(one).register("Later", resolution());

      assertThat(caches.locate(null).find("Late")).isNull();
      assertThat(caches.locate(one).find("Later")).isNull();
      assertThat(caches.locate(one).find("T0")).isNotNull();

      // Clearing one loader's cache makes room again.
      caches.locate(two).clear();
      caches.locate(one).register("Later", resolution());
      assertThat(caches.locate(one).find("Later")).isNotNull();
    }
  }

  @Test
  void aSecondRegistrationKeepsTheFirstAndCountsOnce() throws Exception {
    TypePoolCaches caches = new TypePoolCaches();
    TypePool.CacheProvider cache = caches.locate(null);
    TypePool.Resolution first = resolution();

    cache.register("A", first);
    for (int i = 0; i < TypePoolCaches.MAX_TYPES; i++) {
      assertThat(cache.register("A", resolution())).isSameAs(first);
    }
    cache.register("B", resolution());

    assertThat(cache.find("B")).isNotNull();
  }
}
