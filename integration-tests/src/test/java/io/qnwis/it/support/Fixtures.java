package io.qnwis.it.support;

import java.io.IOException;

/** Helpers for fixture mains (the forked "services"); see {@link AgentJvm}. */
public final class Fixtures {

  private Fixtures() {}

  /** Prints {@link AgentJvm#READY} and blocks until the test closes standard input. */
  public static void readyAndWait() throws IOException {
    System.out.println(AgentJvm.READY);
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for end of input
    }
  }
}
