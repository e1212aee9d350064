package io.qnwis.agent.instrumentation.lettuce;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of Lettuce the agent reads or calls, as method handles resolved in the loader of the
 * Lettuce that is in use (the agent's own loader cannot see Lettuce classes, and a service may
 * carry its own copy in any loader). Found once per Lettuce loader; the same in 6.x and 7.x.
 * Reading {@code CommandArgs}'s keys and copying {@code SetArgs} uses their fields: there is no
 * public accessor, and both classes have had the same fields from 6.x to 7.x.
 */
final class LettuceApi {

  /** Per Lettuce class: its loader's API, or the (cached) reason it has none. */
  private static final ClassValue<Object> BY_CLASS =
      new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
          try {
            return new LettuceApi(type.getClassLoader());
          } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new IllegalStateException("unsupported Lettuce version: " + e, e);
          }
        }
      };

  private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

  private final MethodHandle type;
  private final MethodHandle output;
  private final MethodHandle args;
  private final MethodHandle outputValue;
  private final MethodHandle singularArguments;
  private final Class<?> keyArgument;
  private final MethodHandle keyOfArgument;
  private final MethodHandle completeExceptionally;
  private final MethodHandle timeoutException;
  private final Class<?> setArgsClass;
  private final MethodHandle newSetArgs;
  private final List<Field> setArgsFields = new ArrayList<>();
  private final MethodHandle keepTtl;
  private final MethodHandle px;

  private LettuceApi(ClassLoader loader) throws ReflectiveOperationException {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    Class<?> command = load(loader, "io.lettuce.core.protocol.RedisCommand");
    Class<?> keyword = load(loader, "io.lettuce.core.protocol.ProtocolKeyword");
    Class<?> commandOutput = load(loader, "io.lettuce.core.output.CommandOutput");
    Class<?> commandArgs = load(loader, "io.lettuce.core.protocol.CommandArgs");
    type = lookup.findVirtual(command, "getType", MethodType.methodType(keyword)).asType(GETTER);
    output =
        lookup
            .findVirtual(command, "getOutput", MethodType.methodType(commandOutput))
            .asType(GETTER);
    args =
        lookup.findVirtual(command, "getArgs", MethodType.methodType(commandArgs)).asType(GETTER);
    outputValue =
        lookup
            .findVirtual(commandOutput, "get", MethodType.methodType(Object.class))
            .asType(GETTER);
    singularArguments = getter(commandArgs.getDeclaredField("singularArguments"));
    keyArgument = load(loader, "io.lettuce.core.protocol.CommandArgs$KeyArgument");
    keyOfArgument = getter(keyArgument.getDeclaredField("key"));
    completeExceptionally =
        lookup
            .findVirtual(
                command,
                "completeExceptionally",
                MethodType.methodType(boolean.class, Throwable.class))
            .asType(MethodType.methodType(boolean.class, Object.class, Throwable.class));
    Class<?> timeout = load(loader, "io.lettuce.core.RedisCommandTimeoutException");
    timeoutException =
        lookup
            .findStatic(
                load(loader, "io.lettuce.core.internal.ExceptionFactory"),
                "createTimeoutException",
                MethodType.methodType(timeout, String.class, Duration.class))
            .asType(MethodType.methodType(RuntimeException.class, String.class, Duration.class));
    setArgsClass = load(loader, "io.lettuce.core.SetArgs");
    newSetArgs =
        lookup
            .findConstructor(setArgsClass, MethodType.methodType(void.class))
            .asType(MethodType.methodType(Object.class));
    for (Field field : setArgsClass.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        field.setAccessible(true);
        setArgsFields.add(field);
      }
    }
    keepTtl = getter(setArgsClass.getDeclaredField("keepttl"));
    px =
        lookup
            .findVirtual(setArgsClass, "px", MethodType.methodType(setArgsClass, long.class))
            .asType(MethodType.methodType(Object.class, Object.class, long.class));
  }

  /** The API of the Lettuce that {@code command} (any Lettuce object) comes from. */
  static LettuceApi of(Object lettuceObject) {
    Object api = BY_CLASS.get(lettuceObject.getClass());
    if (api instanceof LettuceApi found) {
      return found;
    }
    throw (IllegalStateException) api;
  }

  /** The command's name as Redis knows it (GET, SET...). */
  String commandName(Object command) throws Throwable {
    Object keyword = (Object) type.invokeExact(command);
    return keyword instanceof Enum<?> constant ? constant.name() : String.valueOf(keyword);
  }

  /** The command's output (what Redis replied, decoded), or null. */
  Object output(Object command) throws Throwable {
    return (Object) output.invokeExact(command);
  }

  /** The decoded reply in {@code output} (null for nil). */
  Object reply(Object output) throws Throwable {
    return output == null ? null : (Object) outputValue.invokeExact(output);
  }

  /** The first key argument of the command, or null. */
  Object firstKey(Object command) throws Throwable {
    return firstKeyOf((Object) args.invokeExact(command));
  }

  /** The first key argument in {@code commandArgs} (a {@code CommandArgs} or null), or null. */
  Object firstKeyOf(Object commandArgs) throws Throwable {
    if (commandArgs == null) {
      return null;
    }
    List<?> arguments = (List<?>) (Object) singularArguments.invokeExact(commandArgs);
    for (int i = 0; i < arguments.size(); i++) {
      Object argument = arguments.get(i);
      if (keyArgument.isInstance(argument)) {
        return (Object) keyOfArgument.invokeExact(argument);
      }
    }
    return null;
  }

  /** The command's arguments, in order (keys, values and the rest); not a copy. */
  List<?> arguments(Object command) throws Throwable {
    Object commandArgs = (Object) args.invokeExact(command);
    return commandArgs == null
        ? List.of()
        : (List<?>) (Object) singularArguments.invokeExact(commandArgs);
  }

  /** The key of {@code argument} (an element of {@link #arguments}), or null if not a key. */
  Object keyOf(Object argument) throws Throwable {
    return keyArgument.isInstance(argument) ? (Object) keyOfArgument.invokeExact(argument) : null;
  }

  /** Fails the command the way Lettuce's own command timeout does. */
  void timeOut(Object dispatched, String commandName, Duration after) throws Throwable {
    RuntimeException timeout = (RuntimeException) timeoutException.invokeExact(commandName, after);
    boolean ignored = (boolean) completeExceptionally.invokeExact(dispatched, (Throwable) timeout);
  }

  boolean keepsTtl(Object setArgs) throws Throwable {
    return setArgsClass.isInstance(setArgs) && (boolean) (Object) keepTtl.invokeExact(setArgs);
  }

  /**
   * A copy of the service's {@code SetArgs} with its expiry replaced by {@code PX millis}: the
   * service's object may be shared and reused, so it is never changed.
   */
  Object withExpiry(Object setArgs, long millis) throws Throwable {
    Object copy = (Object) newSetArgs.invokeExact();
    if (setArgs != null) {
      for (Field field : setArgsFields) {
        String name = field.getName();
        boolean expiry =
            name.equals("ex") || name.equals("exAt") || name.equals("px") || name.equals("pxAt");
        if (!expiry) {
          field.set(copy, field.get(setArgs));
        }
      }
    }
    return (Object) px.invokeExact(copy, millis);
  }

  private static Class<?> load(ClassLoader loader, String name) throws ClassNotFoundException {
    return Class.forName(name, false, loader);
  }

  private static MethodHandle getter(Field field) throws IllegalAccessException {
    field.setAccessible(true);
    return MethodHandles.lookup().unreflectGetter(field).asType(GETTER);
  }
}
