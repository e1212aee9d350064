package io.qnwis.it.executor;

import io.qnwis.it.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A service whose first pool task reads the JVM's class-load log ({@code -Xlog:class+load} to the
 * file named by its argument) and prints which executor classes had loaded by then: the agent's
 * work before a task runs is on that task's path.
 */
public final class FirstTaskClassLoadService {

  public static void main(String[] args) throws Exception {
    Path log = Path.of(args[0]);
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    String loaded = pool.submit(() -> loaded(Files.readString(log))).get();
    pool.shutdown();
    System.out.println("loaded before the first task ran: " + loaded);
    Fixtures.readyAndWait();
  }

  private static String loaded(String log) {
    StringBuilder names = new StringBuilder();
    for (String name : new String[] {"ThreadPoolExecutor", "ForkJoinPool"}) {
      if (log.contains("java.util.concurrent." + name + " source:")) {
        names.append('[').append(name).append(']');
      }
    }
    return names.toString();
  }
}
