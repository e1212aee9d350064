package io.qnwis.agent;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * One type pool cache per class loader, so that a supertype's class file is parsed once per loader
 * rather than once for every class whose hierarchy a matcher walks (drivers and pools share
 * hierarchies). Loaders are held weakly. A description costs about 10 KB of heap (the sample
 * service caches about 330, some 3 MB), so all caches together stop growing at {@link #MAX_TYPES}
 * descriptions: past that, types are parsed as they would be without a cache. The count is never
 * given back when a loader goes away, which errs on the side of a smaller cache.
 */
public final class TypePoolCaches extends AgentBuilder.PoolStrategy.WithTypePoolCache {

  static final int MAX_TYPES = 1_000;

  private final int maxTypes;
  private final AtomicInteger cached = new AtomicInteger();
  private final Map<ClassLoader, TypePool.CacheProvider> byLoader = new WeakHashMap<>();
  private final TypePool.CacheProvider bootstrap;

  TypePoolCaches() {
    this(MAX_TYPES);
  }

  /** Caches that hold at most {@code maxTypes} descriptions together. */
  public TypePoolCaches(int maxTypes) {
    super(TypePool.Default.ReaderMode.FAST);
    this.maxTypes = maxTypes;
    this.bootstrap = new Bounded(cached, maxTypes);
  }

  @Override
  protected TypePool.CacheProvider locate(ClassLoader loader) {
    if (loader == null) {
      return bootstrap;
    }
    synchronized (byLoader) {
      return byLoader.computeIfAbsent(loader, l -> new Bounded(cached, maxTypes));
    }
  }

  /** A cache that stops accepting descriptions once all caches together hold {@code maxTypes}. */
  static final class Bounded implements TypePool.CacheProvider {
    private final AtomicInteger cached;
    private final int maxTypes;
    private final Map<String, TypePool.Resolution> types = new ConcurrentHashMap<>();

    Bounded(AtomicInteger cached, int maxTypes) {
      this.cached = cached;
      this.maxTypes = maxTypes;
    }

    @Override
    public TypePool.Resolution find(String name) {
      return types.get(name);
    }

    @Override
    public TypePool.Resolution register(String name, TypePool.Resolution resolution) {
      if (cached.incrementAndGet() > maxTypes) {
        cached.decrementAndGet();
        return resolution;
      }
      TypePool.Resolution earlier = types.putIfAbsent(name, resolution);
      if (earlier != null) {
        cached.decrementAndGet();
        return earlier;
      }
      return resolution;
    }

    @Override
    public void clear() {
      cached.addAndGet(-types.size());
      types.clear();
    }
  }
}
