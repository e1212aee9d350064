package io.qnwis.agent.instrumentation.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TaskNamesTest {

  static final class ReportTask implements Runnable {
    @Override
    public void run() {}
  }

  @Test
  void namesANestedTaskClassByItsSimpleName() {
    assertThat(TaskNames.of(ReportTask.class)).isEqualTo("ReportTask");
  }

  @Test
  void namesATopLevelClassByItsSimpleName() {
    assertThat(TaskNames.of(String.class)).isEqualTo("String");
  }

  @Test
  void namesALambdaByItsDeclaringClassSoTheNameIsStableAcrossRuns() {
    Runnable lambda = () -> {};
    Supplier<String> methodReference = this::toString;

    assertThat(TaskNames.of(lambda.getClass())).isEqualTo("TaskNamesTest$lambda");
    assertThat(TaskNames.of(methodReference.getClass())).isEqualTo("TaskNamesTest$lambda");
  }

  @Test
  void namesAnAnonymousClassByItsBinaryNameWithoutPackage() {
    Callable<Integer> anonymous =
        new Callable<>() {
          @Override
          public Integer call() {
            return 1;
          }
        };

    assertThat(TaskNames.of(anonymous.getClass())).isEqualTo("TaskNamesTest$1");
  }

  @Test
  void namesALambdaDeclaredInANestedClassByThatClass() {
    assertThat(TaskNames.of(Nested.lambda().getClass())).isEqualTo("Nested$lambda");
  }

  static final class Nested {
    static Runnable lambda() {
      return () -> {};
    }
  }
}
