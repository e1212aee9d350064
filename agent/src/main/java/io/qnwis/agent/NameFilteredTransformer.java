package io.qnwis.agent;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Asks {@link IgnoredTypes#ignored} before Byte Buddy sees a class. Byte Buddy parses the class
 * file of every class it is offered before it consults its own ignore matcher (to tell whether the
 * class resolves from its bytes), so without this filter each of the thousands of classes a service
 * loads from packages that hold no target would cost a parse instead of a few string compares.
 *
 * <p>Behind a {@link StartGate} (premain) two are made: the gate weaves loading classes with one,
 * and the one registered with the JVM only retransforms.
 */
final class NameFilteredTransformer extends ResettableClassFileTransformer.WithDelegation {

  private final boolean retransformsOnly;

  private NameFilteredTransformer(
      ResettableClassFileTransformer byteBuddy, boolean retransformsOnly) {
    super(byteBuddy);
    this.retransformsOnly = retransformsOnly;
  }

  /** Wraps Byte Buddy's transformer before it is registered; {@code gate} is null on attach. */
  static AgentBuilder.TransformerDecorator decorator(StartGate gate) {
    return byteBuddy -> {
      if (gate == null) {
        return new NameFilteredTransformer(byteBuddy, false);
      }
      gate.weaveWith(new NameFilteredTransformer(byteBuddy, false));
      return new NameFilteredTransformer(byteBuddy, true);
    };
  }

  /** The JVM (9 and later) calls only this variant. */
  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String internalName,
      Class<?> classBeingRedefined,
      ProtectionDomain domain,
      byte[] classFile)
      throws IllegalClassFormatException {
    if (internalName == null // a class Byte Buddy would not transform either
        || (retransformsOnly && classBeingRedefined == null)
        || IgnoredTypes.ignored(internalName.replace('/', '.'), loader)) {
      return null;
    }
    return classFileTransformer.transform(
        module, loader, internalName, classBeingRedefined, domain, classFile);
  }
}
