package io.qnwis.it.executor;

import io.qnwis.it.support.Jdks;
import java.nio.file.Path;

class ExecutorOnJdk17Test extends ExecutorScenarioTest {
  @Override
  Path javaHome() {
    return Jdks.current();
  }
}
