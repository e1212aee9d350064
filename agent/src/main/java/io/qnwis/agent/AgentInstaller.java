package io.qnwis.agent;

import io.qnwis.agent.instrumentation.InstrumentationModule;
import io.qnwis.agent.instrumentation.TypeInstrumentation;
import io.qnwis.agent.metrics.AgentErrors;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves the enabled modules' advice with one Byte Buddy {@link AgentBuilder}. Classes already
 * loaded (JDK executors at premain, everything at run-time attach) are retransformed, so advice
 * never changes a class's shape: no new fields or methods.
 */
final class AgentInstaller {

  private AgentInstaller() {}

  /** Starts each enabled module, then installs its instrumentations; returns the names. */
  static List<String> install(
      Instrumentation instrumentation, AgentContext context, List<InstrumentationModule> modules) {
    AgentBuilder builder =
        new AgentBuilder.Default()
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(new ErrorListener(context.errors()))
            .ignore(
                (type, loader, module, classBeingRedefined, domain) ->
                    ignored(type.getName(), loader) || type.isSynthetic());
    List<String> installed = new ArrayList<>();
    for (InstrumentationModule module : modules) {
      if (!module.enabled(context.config().current())) {
        AgentLog.info("instrumentation '" + module.name() + "' disabled by config");
        continue;
      }
      try {
        module.start(context);
      } catch (Throwable error) {
        context.errors().report(module.name(), error);
        continue;
      }
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        builder =
            builder
                // A class whose supertypes cannot be resolved (an optional dependency missing,
                // e.g. Netty's Log4J2Logger without Log4j) is not a target: no match, no error.
                .type(ElementMatchers.failSafe(type.typeMatcher()), type.classLoaderMatcher())
                .transform(type.transformer());
      }
      installed.add(module.name());
    }
    builder.installOn(instrumentation);
    return installed;
  }

  /**
   * Byte Buddy's default ignores every bootstrap class; executors live there, so only the rest of
   * the bootstrap loader is skipped, plus the agent itself and reflection accessors.
   */
  static boolean ignored(String name, ClassLoader loader) {
    if (loader == null) {
      return !name.startsWith("java.util.concurrent.");
    }
    return name.startsWith("io.qnwis.agent.")
        || name.startsWith("net.bytebuddy.")
        || name.startsWith("jdk.internal.reflect.")
        || name.startsWith("sun.reflect.");
  }

  /** A class that cannot be woven is left as it was; the failure is counted. */
  private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
    private final AgentErrors errors;

    ErrorListener(AgentErrors errors) {
      this.errors = errors;
    }

    @Override
    public void onError(
        String typeName,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        Throwable throwable) {
      errors.report(
          "instrumentation",
          new IllegalStateException("cannot instrument " + typeName + ": " + throwable, throwable));
    }

    @Override
    public void onTransformation(
        TypeDescription typeDescription,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        DynamicType dynamicType) {
      if (Boolean.getBoolean("qnwis.agent.debug")) {
        AgentLog.info("instrumented " + typeDescription.getName());
      }
    }
  }
}
