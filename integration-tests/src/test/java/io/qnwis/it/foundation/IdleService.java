package io.qnwis.it.foundation;

import io.qnwis.it.support.Fixtures;

/** A service that knows nothing of the agent and does nothing: the agent alone is observed. */
public final class IdleService {

  public static void main(String[] args) throws Exception {
    System.out.println("idle service main() ran");
    Fixtures.readyAndWait();
  }
}
