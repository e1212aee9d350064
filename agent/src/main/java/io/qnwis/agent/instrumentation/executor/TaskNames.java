package io.qnwis.agent.instrumentation.executor;

/**
 * The {@code agent_name} of a task: the simple name of its class; {@code Outer$1} for an anonymous
 * class; {@code Declaring$lambda} for a lambda or method reference (its hidden class's name, {@code
 * Declaring$$Lambda$14/0x...}, changes from run to run and would make a series per JVM).
 */
final class TaskNames {

  private TaskNames() {}

  /** Computed once per class: {@link ExecutorMetrics} caches the data point per class. */
  static String of(Class<?> type) {
    String binary = type.getName();
    int lambda = binary.indexOf("$$Lambda");
    if (lambda >= 0) {
      return simple(binary.substring(0, lambda)) + "$lambda";
    }
    String simple = type.getSimpleName();
    return simple.isEmpty() ? withoutPackage(binary) : simple;
  }

  /** The simple name of a class given by binary name: {@code a.b.Outer$Inner} gives Inner. */
  private static String simple(String binary) {
    String name = withoutPackage(binary);
    int dollar = name.lastIndexOf('$');
    if (dollar >= 0 && dollar < name.length() - 1 && !allDigits(name, dollar + 1)) {
      return name.substring(dollar + 1);
    }
    return name;
  }

  private static String withoutPackage(String binary) {
    int slash = binary.indexOf('/');
    String name = slash >= 0 ? binary.substring(0, slash) : binary;
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static boolean allDigits(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
