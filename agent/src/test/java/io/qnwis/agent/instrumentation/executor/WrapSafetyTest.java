package io.qnwis.agent.instrumentation.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WrapSafetyTest {

  static ThreadPoolExecutor pool(BlockingQueue<Runnable> queue) {
    return new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, queue);
  }

  static final class AfterExecutePool extends ThreadPoolExecutor {
    AfterExecutePool() {
      super(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    }

    @Override
    protected void afterExecute(Runnable task, Throwable error) {}
  }

  static final class SubclassOfAfterExecutePool extends ThreadPoolExecutor {
    SubclassOfAfterExecutePool() {
      super(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {}
  }

  static final class OwnQueue extends LinkedBlockingQueue<Runnable> {}

  @Test
  void wrapsTasksOfPlainPoolsOnJdkFifoQueues() {
    assertThat(WrapSafety.canWrap(pool(new LinkedBlockingQueue<>()))).isTrue();
    assertThat(WrapSafety.canWrap(pool(new ArrayBlockingQueue<>(1)))).isTrue();
    assertThat(WrapSafety.canWrap(pool(new SynchronousQueue<>()))).isTrue();
    assertThat(WrapSafety.canWrap((ThreadPoolExecutor) Executors.newFixedThreadPool(1))).isTrue();
  }

  @Test
  void leavesTasksOfPoolsThatSeeTheQueuedObjectsUnwrapped() {
    assertThat(WrapSafety.canWrap(new AfterExecutePool())).isFalse();
    assertThat(WrapSafety.canWrap(new SubclassOfAfterExecutePool())).isFalse();
    assertThat(WrapSafety.canWrap(pool(new PriorityBlockingQueue<>()))).isFalse();
    assertThat(WrapSafety.canWrap(pool(new OwnQueue()))).isFalse();
  }
}
