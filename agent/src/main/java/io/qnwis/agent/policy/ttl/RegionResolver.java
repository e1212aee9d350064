package io.qnwis.agent.policy.ttl;

import io.qnwis.agent.config.Glob;
import java.util.List;
import java.util.function.Function;

/**
 * Finds the cache region of a Redis key: the first configured glob that matches it, else the region
 * named by the key's first segment before {@code :} ({@value #DEFAULT_REGION} for a key without
 * one, so a whole key never becomes a region name). Regions are created on first use by a factory,
 * at most {@code maxRegions} of them; later names share the {@value #OVERFLOW_REGION} region.
 *
 * <p>Resolving an existing region allocates nothing: configured globs match without allocation and
 * the table of named regions is probed with the key's characters, not with a substring.
 */
public final class RegionResolver<T> {

  public static final String DEFAULT_REGION = "default";
  public static final String OVERFLOW_REGION = "other";

  private record Named<T>(String name, int hash, T region) {}

  private final Function<String, T> factory;
  private final int maxRegions;
  private volatile Glob[] globs = new Glob[0];
  private volatile Object[] configured = new Object[0];
  private volatile Named<T>[] table = newTable(16);
  private int size;
  private T overflow;

  public RegionResolver(int maxRegions, Function<String, T> factory) {
    this.maxRegions = maxRegions;
    this.factory = factory;
  }

  /** Sets the configured regions, in order: {@code names.get(i)} owns keys matching globs(i). */
  public synchronized void configure(List<Glob> matches, List<String> names) {
    Object[] regions = new Object[names.size()];
    for (int i = 0; i < regions.length; i++) {
      regions[i] = named(names.get(i));
    }
    configured = regions;
    globs = matches.toArray(new Glob[0]);
  }

  @SuppressWarnings("unchecked")
  public T resolve(String key) {
    Glob[] patterns = globs;
    for (int i = 0; i < patterns.length; i++) {
      if (patterns[i].matches(key)) {
        return (T) configured[i];
      }
    }
    int end = key.indexOf(':');
    if (end <= 0) {
      return named(DEFAULT_REGION);
    }
    int hash = 0;
    for (int i = 0; i < end; i++) {
      hash = 31 * hash + key.charAt(i);
    }
    Named<T>[] current = table;
    int mask = current.length - 1;
    for (int slot = spread(hash) & mask; current[slot] != null; slot = (slot + 1) & mask) {
      Named<T> entry = current[slot];
      if (entry.hash == hash
          && entry.name.length() == end
          && key.regionMatches(0, entry.name, 0, end)) {
        return entry.region;
      }
    }
    return named(key.substring(0, end));
  }

  /** The region called {@code name}, created if new and the bound allows. */
  public T named(String name) {
    Named<T>[] current = table;
    int hash = name.hashCode();
    int mask = current.length - 1;
    for (int slot = spread(hash) & mask; current[slot] != null; slot = (slot + 1) & mask) {
      if (current[slot].name.equals(name)) {
        return current[slot].region;
      }
    }
    return admit(name);
  }

  /** Every region created so far (configured and named), the overflow region last if used. */
  public synchronized List<T> regions() {
    java.util.ArrayList<T> all = new java.util.ArrayList<>();
    for (Named<T> entry : table) {
      if (entry != null) {
        all.add(entry.region);
      }
    }
    if (overflow != null) {
      all.add(overflow);
    }
    return all;
  }

  private synchronized T admit(String name) {
    Named<T>[] current = table;
    int hash = name.hashCode();
    int mask = current.length - 1;
    int slot = spread(hash) & mask;
    for (; current[slot] != null; slot = (slot + 1) & mask) {
      if (current[slot].name.equals(name)) {
        return current[slot].region;
      }
    }
    if (size >= maxRegions) {
      if (overflow == null) {
        overflow = factory.apply(OVERFLOW_REGION);
      }
      return overflow;
    }
    T region = factory.apply(name);
    // Copy on write: readers probe the old table lock-free until the new one is published.
    Named<T>[] next =
        size + 1 > current.length / 2 ? newTable(current.length * 2) : current.clone();
    insert(next, new Named<>(name, hash, region));
    for (Named<T> entry : current) {
      if (entry != null) {
        insert(next, entry);
      }
    }
    size++;
    table = next;
    return region;
  }

  private static <T> void insert(Named<T>[] into, Named<T> entry) {
    int mask = into.length - 1;
    int slot = spread(entry.hash) & mask;
    while (into[slot] != null) {
      if (into[slot].name.equals(entry.name)) {
        return;
      }
      slot = (slot + 1) & mask;
    }
    into[slot] = entry;
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  @SuppressWarnings("unchecked")
  private static <T> Named<T>[] newTable(int capacity) {
    return (Named<T>[]) new Named[capacity];
  }
}
