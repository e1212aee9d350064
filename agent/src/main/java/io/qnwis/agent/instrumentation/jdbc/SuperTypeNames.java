package io.qnwis.agent.instrumentation.jdbc;

import io.qnwis.agent.instrumentation.TypeInstrumentation;
import java.lang.ref.WeakReference;
import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;

/**
 * The names of a class's supertypes, found by one walk of its hierarchy that every JDBC matcher of
 * the class shares: the weaver asks the matchers of one loading class in a row, with one
 * description, and a service's start loads thousands of classes no matcher takes.
 *
 * <p>The walk goes by erasures: names are all the matchers ask, and a generic supertype's type
 * arguments would cost resolving its signature. It does not go above a JDK type outside {@code
 * java.sql} and {@code javax.sql} ({@code Object}, {@code Thread}, {@code AutoCloseable}...; {@link
 * TypeInstrumentation#hierarchyWalkStopsAt}): no such type reaches a JDBC interface, and reading
 * its class file from the runtime image is most of a walk's cost. A supertype whose class file
 * cannot be found hides only what lies above it (see {@link JdbcMatchers#hasSuperTypeNamed}).
 *
 * @param all the class itself and the supertypes it reaches, as far as the walk goes
 * @param viaSuperClass what its superclass reaches, the superclass included
 */
record SuperTypeNames(Set<String> all, Set<String> viaSuperClass) {

  /**
   * The class walked last, held weakly: a class loader must not stay reachable through it. Threads
   * loading classes at once may each walk their own and replace it: a miss only walks again.
   */
  private static volatile WeakReference<Walked> last = new WeakReference<>(null);

  private record Walked(TypeDescription type, SuperTypeNames names) {}

  static SuperTypeNames of(TypeDescription type) {
    Walked walked = last.get();
    if (walked != null && walked.type() == type) {
      return walked.names();
    }
    SuperTypeNames names = walk(type);
    last = new WeakReference<>(new Walked(type, names));
    return names;
  }

  private static SuperTypeNames walk(TypeDescription type) {
    Set<String> viaSuperClass = new HashSet<>();
    collectSuperClass(type, viaSuperClass);
    Set<String> all = new HashSet<>(viaSuperClass);
    all.add(type.getName());
    collectInterfaces(type, all);
    return new SuperTypeNames(Set.copyOf(all), Set.copyOf(viaSuperClass));
  }

  /** Adds {@code type} and all it reaches; one already there was walked from before. */
  private static void collect(TypeDescription type, Set<String> names) {
    String name = type.getName(); // known without reading the type's class file
    if (names.add(name) && !TypeInstrumentation.hierarchyWalkStopsAt(name)) {
      collectSuperClass(type, names);
      collectInterfaces(type, names);
    }
  }

  /**
   * Through the superclass and through each interface: a type whose class file cannot be read
   * (TypePool.Resolution.NoSuchTypeException) hides only what lies above it.
   */
  private static void collectSuperClass(TypeDescription type, Set<String> names) {
    TypeDescription superClass;
    try {
      TypeDescription.Generic generic = type.getSuperClass();
      superClass = generic == null ? null : generic.asErasure();
    } catch (IllegalStateException noClassFile) {
      return;
    }
    if (superClass != null) {
      collect(superClass, names);
    }
  }

  private static void collectInterfaces(TypeDescription type, Set<String> names) {
    TypeList interfaces;
    try {
      interfaces = type.getInterfaces().asErasures();
    } catch (IllegalStateException noClassFile) {
      return;
    }
    for (int i = 0; i < interfaces.size(); i++) {
      TypeDescription each;
      try {
        each = interfaces.get(i); // the erasure resolves its type: one may have no class file
      } catch (IllegalStateException noClassFile) {
        continue;
      }
      collect(each, names);
    }
  }
}
