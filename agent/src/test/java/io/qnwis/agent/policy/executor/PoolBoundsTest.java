package io.qnwis.agent.policy.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PoolBoundsTest {

  @Test
  void capsMaximumAndCoreWhenCoreIsLarger() {
    assertThat(PoolBounds.bounded(6, 10, 3)).isEqualTo(new PoolBounds.Sizes(3, 3));
    assertThat(PoolBounds.bounded(2, 10, 3)).isEqualTo(new PoolBounds.Sizes(2, 3));
  }

  @Test
  void leavesSizesBelowTheCapOrWithoutCapAlone() {
    assertThat(PoolBounds.bounded(2, 4, 8)).isEqualTo(new PoolBounds.Sizes(2, 4));
    assertThat(PoolBounds.bounded(6, 10, PoolBounds.NONE)).isEqualTo(new PoolBounds.Sizes(6, 10));
  }

  @Test
  void capsASizeTheServiceSets() {
    assertThat(PoolBounds.bounded(12, 3)).isEqualTo(3);
    assertThat(PoolBounds.bounded(2, 3)).isEqualTo(2);
    assertThat(PoolBounds.bounded(12, PoolBounds.NONE)).isEqualTo(12);
  }

  @Test
  void appliesALowerCapAndLiftsItAgainWithoutTheDisorderThePoolRejects() {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(6, 10, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    try {
      assertThat(PoolBounds.apply(pool, PoolBounds.bounded(6, 10, 3))).isTrue();
      assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
      assertThat(pool.getCorePoolSize()).isEqualTo(3);

      assertThat(PoolBounds.apply(pool, PoolBounds.bounded(6, 10, PoolBounds.NONE))).isTrue();
      assertThat(pool.getMaximumPoolSize()).isEqualTo(10);
      assertThat(pool.getCorePoolSize()).isEqualTo(6);

      assertThat(PoolBounds.apply(pool, PoolBounds.bounded(6, 10, PoolBounds.NONE))).isFalse();
    } finally {
      pool.shutdown();
    }
  }
}
