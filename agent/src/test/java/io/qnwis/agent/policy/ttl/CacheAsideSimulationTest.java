package io.qnwis.agent.policy.ttl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A cache-aside service simulated in virtual time, no Redis: three regions whose source values
 * change at different known rates, reads arriving at random, a miss fetching the fresh value and
 * writing it back with the TTL the policy gives. The adaptive policy is compared with every single
 * fixed TTL on the same random workload.
 */
class CacheAsideSimulationTest {

  /** Mean seconds between changes of one key's source value, per region. */
  private static final double[] CHANGE_INTERVALS = {120, 1800, 21600};

  private static final int KEYS_PER_REGION = 100;
  private static final double READ_INTERVAL = 30; // mean seconds between reads of one key
  private static final double HOURS = 24;
  private static final long[] FIXED_TTLS = {
    5, 10, 20, 30, 40, 45, 50, 60, 120, 180, 300, 600, 1200, 1800, 3600
  };

  /** What a policy achieved: reads served from cache, and reads served a stale value. */
  record Outcome(String policy, long reads, long hits, long staleReads) {
    double hitRatio() {
      return (double) hits / reads;
    }

    double staleRatio() {
      return (double) staleReads / reads;
    }

    @Override
    public String toString() {
      return String.format(
          "%-22s hit ratio %.4f  stale-read ratio %.4f", policy, hitRatio(), staleRatio());
    }
  }

  /** A TTL policy per region: seconds for a write at {@code now} of a key and value. */
  interface Policy {
    double ttl(int region, long keyHash, long valueHash, double now);

    default void tick(double now) {}
  }

  private record Read(double at, int key) {}

  static Outcome simulate(String name, Policy policy, long seed) {
    Random random = new Random(seed);
    int keys = CHANGE_INTERVALS.length * KEYS_PER_REGION;
    long[] version = new long[keys];
    double[] nextChange = new double[keys];
    double[] expires = new double[keys];
    long[] cachedVersion = new long[keys];
    boolean[] cached = new boolean[keys];
    PriorityQueue<Read> reads = new PriorityQueue<>((a, b) -> Double.compare(a.at, b.at));
    for (int key = 0; key < keys; key++) {
      nextChange[key] = exponential(random, CHANGE_INTERVALS[key / KEYS_PER_REGION]);
      reads.add(new Read(exponential(random, READ_INTERVAL), key));
    }
    long total = 0;
    long hits = 0;
    long stale = 0;
    double end = HOURS * 3600;
    double nextTick = 1;
    while (!reads.isEmpty() && reads.peek().at < end) {
      Read read = reads.poll();
      double now = read.at;
      int key = read.key;
      int region = key / KEYS_PER_REGION;
      while (nextTick <= now) {
        policy.tick(nextTick);
        nextTick += 30; // the agent re-estimates every second; every 30 s is enough here
      }
      while (nextChange[key] <= now) {
        version[key]++;
        nextChange[key] += exponential(random, CHANGE_INTERVALS[region]);
      }
      total++;
      if (cached[key] && expires[key] > now) {
        hits++;
        if (cachedVersion[key] != version[key]) {
          stale++;
        }
      } else {
        cached[key] = true;
        cachedVersion[key] = version[key];
        expires[key] = now + policy.ttl(region, key, version[key], now);
      }
      reads.add(new Read(now + exponential(random, READ_INTERVAL), key));
    }
    return new Outcome(name, total, hits, stale);
  }

  private static double exponential(Random random, double mean) {
    return -mean * Math.log(1 - random.nextDouble());
  }

  private static Policy fixed(long seconds) {
    return (region, keyHash, valueHash, now) -> seconds;
  }

  private static Policy adaptive(IntFunction<AdaptiveTtl> perRegion) {
    List<AdaptiveTtl> regions = new ArrayList<>();
    for (int i = 0; i < CHANGE_INTERVALS.length; i++) {
      regions.add(perRegion.apply(i));
    }
    return new Policy() {
      @Override
      public double ttl(int region, long keyHash, long valueHash, double now) {
        AdaptiveTtl ttl = regions.get(region);
        ttl.write(keyHash, valueHash, (long) (now * 1e9));
        return ttl.ttlMillis() / 1000.0;
      }

      @Override
      public void tick(double now) {
        regions.forEach(AdaptiveTtl::refresh);
      }
    };
  }

  @Test
  void adaptiveTtlHitsAtLeastAsOftenAsTheBestFixedTtlAtNoHigherStaleReadRatio() {
    long seed = 20261126;
    Outcome adaptive =
        simulate(
            "adaptive (5s-1h, 0.05)",
            adaptive(region -> new AdaptiveTtl(Duration.ofSeconds(5), Duration.ofHours(1), 0.05)),
            seed);
    System.out.println(
        "cache-aside simulation, " + HOURS + " h, change intervals (s) 120/1800/21600");
    System.out.println(adaptive);
    Outcome bestFixed = null;
    for (long ttl : FIXED_TTLS) {
      Outcome fixed = simulate("fixed " + ttl + "s", fixed(ttl), seed);
      System.out.println(fixed);
      if (fixed.staleRatio() <= adaptive.staleRatio()
          && (bestFixed == null || fixed.hitRatio() > bestFixed.hitRatio())) {
        bestFixed = fixed;
      }
    }
    System.out.println("best fixed TTL at no higher stale-read ratio: " + bestFixed);

    assertThat(bestFixed).as("some fixed TTL is as fresh as adaptive").isNotNull();
    assertThat(adaptive.hitRatio()).isGreaterThanOrEqualTo(bestFixed.hitRatio());
  }

  @Test
  void adaptiveTtlLearnsEachRegionsOwnTtl() {
    List<AdaptiveTtl> regions = new ArrayList<>();
    simulate(
        "adaptive",
        adaptive(
            region -> {
              AdaptiveTtl ttl = new AdaptiveTtl(Duration.ofSeconds(5), Duration.ofHours(1), 0.05);
              regions.add(ttl);
              return ttl;
            }),
        7);
    double exposure = StaleRatio.maxExposure(0.05);
    for (int region = 0; region < CHANGE_INTERVALS.length; region++) {
      double ideal = Math.min(3600, exposure * CHANGE_INTERVALS[region]);
      double learned = regions.get(region).ttlMillis() / 1000.0;
      System.out.printf(
          "region %d: change every %.0f s, rate %.6f/s estimated, TTL %.1f s (ideal %.1f s)%n",
          region, CHANGE_INTERVALS[region], regions.get(region).rate(), learned, ideal);
      assertThat(learned).isBetween(ideal * 0.8, ideal * 1.2);
    }
  }
}
