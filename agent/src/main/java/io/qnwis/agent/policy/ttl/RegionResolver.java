package io.qnwis.agent.policy.ttl;

import io.qnwis.agent.config.Glob;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Finds the cache region of a Redis key: the first configured glob that matches it, else the region
 * named by the key's first segment before {@code :} ({@value #DEFAULT_REGION} for a key without
 * one, so a whole key never becomes a region name). Regions are created on first use by a factory,
 * at most {@code maxRegions} of them; later names share the {@value #OVERFLOW_REGION} region.
 *
 * <p>Resolving an existing region allocates nothing: configured globs match without allocation and
 * the table of named regions is probed with the key's characters, not with a substring. Each entry
 * of that table knows whether any configured glob could match a key with its first segment (from
 * the glob's literal start), so most keys outside the configured regions skip the globs entirely.
 */
public final class RegionResolver<T> {

  public static final String DEFAULT_REGION = "default";
  public static final String OVERFLOW_REGION = "other";

  /** A region named by a first segment; {@code globsMayMatch}: keys with it must try the globs. */
  private record Named<T>(String name, int hash, T region, boolean globsMayMatch) {}

  private final Function<String, T> factory;
  private final int maxRegions;
  private volatile Glob[] globs = new Glob[0];
  private volatile String[] loweredGlobs = new String[0];
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
    String[] lowered = new String[matches.size()];
    for (int i = 0; i < lowered.length; i++) {
      lowered[i] = matches.get(i).pattern().toLowerCase(Locale.ROOT); // as Glob folds it
    }
    loweredGlobs = lowered;
    globs = matches.toArray(new Glob[0]);
    Named<T>[] current = table;
    Named<T>[] next = newTable(current.length);
    for (Named<T> entry : current) {
      if (entry != null) {
        insert(next, new Named<>(entry.name, entry.hash, entry.region, mayMatch(entry.name)));
      }
    }
    table = next;
  }

  @SuppressWarnings("unchecked")
  public T resolve(String key) {
    int end = key.indexOf(':');
    Named<T> segment = end > 0 ? segment(key, end) : null;
    if (segment != null && !segment.globsMayMatch) {
      return segment.region;
    }
    Glob[] patterns = globs;
    for (int i = 0; i < patterns.length; i++) {
      if (patterns[i].matches(key)) {
        return (T) configured[i];
      }
    }
    if (end <= 0) {
      return named(DEFAULT_REGION);
    }
    return segment != null ? segment.region : named(key.substring(0, end));
  }

  /** The entry of the region named {@code key}'s first {@code end} characters, or null. */
  private Named<T> segment(String key, int end) {
    int hash = hash(key, end);
    Named<T>[] current = table;
    int mask = current.length - 1;
    for (int slot = spread(hash) & mask; current[slot] != null; slot = (slot + 1) & mask) {
      Named<T> entry = current[slot];
      // indexOf(name) == 0 is startsWith(name), as the JIT's vectorized substring search: about
      // twice as fast as regionMatches' byte loop, on every read (LettuceBenchmark).
      if (entry.hash == hash && entry.name.length() == end && key.indexOf(entry.name) == 0) {
        return entry;
      }
    }
    return null;
  }

  /**
   * Whether some configured glob could match a key whose first segment is {@code segment}: false
   * only when every glob starts with literal text that such a key cannot start with (compared as
   * {@link Glob} compares, character by character with the key lower-cased).
   */
  private boolean mayMatch(String segment) {
    for (String pattern : loweredGlobs) {
      int star = pattern.indexOf('*');
      String literal = star < 0 ? pattern : pattern.substring(0, star);
      int colon = literal.indexOf(':');
      int length = colon >= 0 ? colon : literal.length();
      boolean fits = colon >= 0 ? segment.length() == colon : segment.length() >= length;
      for (int i = 0; fits && i < length; i++) {
        fits = Character.toLowerCase(segment.charAt(i)) == literal.charAt(i);
      }
      if (fits) {
        return true;
      }
    }
    return false;
  }

  /** The region called {@code name}, created if new and the bound allows. */
  public T named(String name) {
    Named<T>[] current = table;
    int hash = hash(name, name.length());
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
    int hash = hash(name, name.length());
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
    insert(next, new Named<>(name, hash, region, mayMatch(name)));
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

  /**
   * The table's hash of {@code text}'s first {@code length} characters: the length and three of
   * them, not all (a key's segment is hashed on every read; the probe compares whole names anyway,
   * and at most {@code maxRegions} names share the table).
   */
  private static int hash(String text, int length) {
    if (length == 0) {
      return 0;
    }
    int hash = length * 31 + text.charAt(0);
    hash = hash * 31 + text.charAt(length >>> 1);
    return hash * 31 + text.charAt(length - 1);
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  @SuppressWarnings("unchecked")
  private static <T> Named<T>[] newTable(int capacity) {
    return (Named<T>[]) new Named[capacity];
  }
}
