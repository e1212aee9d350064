package io.qnwis.it.foundation;

import io.qnwis.it.support.Fixtures;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A service run from a jar, as a class-data sharing archive needs: it runs three tasks on a pool of
 * daemon threads, so that it ends when its main does.
 */
public final class ArchivedService {

  public static void main(String[] args) throws Exception {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            1,
            1,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "exec-archived");
              thread.setDaemon(true);
              return thread;
            });
    for (int i = 0; i < 3; i++) {
      pool.submit(Thread::onSpinWait).get();
    }
    Fixtures.readyAndWait();
  }
}
