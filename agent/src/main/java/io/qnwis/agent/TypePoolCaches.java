package io.qnwis.agent;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * One type pool cache per class loader, so that a class file is parsed once per loader rather than
 * once for every class whose hierarchy a matcher walks (drivers, pools and Netty share deep
 * hierarchies: without a cache a service's start-up re-parses the same supertypes thousands of
 * times). Loaders are held weakly, and each cache stops growing at {@link #MAX_TYPES_PER_LOADER}
 * descriptions: past that, types are parsed as they would be without a cache.
 */
final class TypePoolCaches extends AgentBuilder.PoolStrategy.WithTypePoolCache {

  static final int MAX_TYPES_PER_LOADER = 4_000;

  private final Map<ClassLoader, TypePool.CacheProvider> byLoader = new WeakHashMap<>();
  private final TypePool.CacheProvider bootstrap = new Bounded();

  TypePoolCaches() {
    super(TypePool.Default.ReaderMode.FAST);
  }

  @Override
  protected TypePool.CacheProvider locate(ClassLoader loader) {
    if (loader == null) {
      return bootstrap;
    }
    synchronized (byLoader) {
      return byLoader.computeIfAbsent(loader, l -> new Bounded());
    }
  }

  /** A cache that stops accepting descriptions once full. */
  static final class Bounded implements TypePool.CacheProvider {
    private final Map<String, TypePool.Resolution> types = new ConcurrentHashMap<>();

    @Override
    public TypePool.Resolution find(String name) {
      return types.get(name);
    }

    @Override
    public TypePool.Resolution register(String name, TypePool.Resolution resolution) {
      if (types.size() >= MAX_TYPES_PER_LOADER) {
        return resolution;
      }
      TypePool.Resolution earlier = types.putIfAbsent(name, resolution);
      return earlier == null ? resolution : earlier;
    }

    @Override
    public void clear() {
      types.clear();
    }

    int size() {
      return types.size();
    }
  }
}
