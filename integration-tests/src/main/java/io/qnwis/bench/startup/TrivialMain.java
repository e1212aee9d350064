package io.qnwis.bench.startup;

/** The smallest service: what start-up costs with and without the agent is measured on it. */
public final class TrivialMain {

  public static void main(String[] args) {
    System.out.println("hello");
  }
}
