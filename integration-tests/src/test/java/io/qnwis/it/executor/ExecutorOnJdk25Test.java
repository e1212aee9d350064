package io.qnwis.it.executor;

import io.qnwis.it.support.Jdks;
import java.nio.file.Path;

class ExecutorOnJdk25Test extends ExecutorScenarioTest {
  @Override
  Path javaHome() {
    return Jdks.jdk25();
  }
}
