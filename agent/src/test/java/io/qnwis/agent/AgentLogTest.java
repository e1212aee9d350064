package io.qnwis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class AgentLogTest {

  @Test
  void aWrappedErrorNamesItsCauses() {
    Throwable error =
        new ExecutionException(
            new ExceptionInInitializerError(new IllegalStateException("bad property")));

    assertThat(AgentLog.withCauses("could not start", error))
        .isEqualTo(
            "could not start: java.util.concurrent.ExecutionException:"
                + " java.lang.ExceptionInInitializerError"
                + "; caused by java.lang.ExceptionInInitializerError"
                + "; caused by java.lang.IllegalStateException: bad property");
  }

  @Test
  void aLongOrCircularChainIsCut() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException second = new IllegalStateException("second", first);
    first.initCause(second);

    assertThat(AgentLog.withCauses("failed", first).split("; caused by ")).hasSize(6);
  }
}
