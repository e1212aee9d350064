package io.qnwis.bench.startup;

import io.qnwis.bench.JvmProcess;

/**
 * The trivial {@code main} whose whole-JVM time to its end is the start-up figure: it prints its
 * end time (epoch ms), its resident memory and a marker line, and returns. JVM shutdown, and any
 * agent's shutdown hooks, are not counted.
 */
public final class TrivialMain {

  public static final String MARKER = "qnwis-bench-main-done";

  private TrivialMain() {}

  public static void main(String[] args) {
    // Wall-clock epoch: comparable with the harness's launch time across processes.
    long end = System.currentTimeMillis();
    System.out.println(
        MARKER
            + " end_epoch_ms="
            + end
            + " rss_mib="
            + JvmProcess.rssMiB(ProcessHandle.current().pid()));
  }
}
