package io.qnwis.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

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

  /**
   * Prints {@link AgentJvm#READY} and blocks until the test writes a line to standard input (its
   * cue for the fixture's next step); returns the reader for {@link #waitForEndOfInput}.
   */
  public static BufferedReader readyAndAwaitCue() throws IOException {
    System.out.println(AgentJvm.READY);
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    in.readLine();
    return in;
  }

  /** Blocks until the test closes standard input. */
  public static void waitForEndOfInput(BufferedReader in) throws IOException {
    while (in.readLine() != null) {
      // wait for end of input
    }
  }
}
