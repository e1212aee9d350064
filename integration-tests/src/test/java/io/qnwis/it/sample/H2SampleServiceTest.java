package io.qnwis.it.sample;

import java.util.Map;

/** The sample service on its embedded default: H2 in memory, a fresh data set per JVM. */
class H2SampleServiceTest extends SampleServiceTest {

  @Override
  Map<String, String> database() {
    return Map.of();
  }
}
