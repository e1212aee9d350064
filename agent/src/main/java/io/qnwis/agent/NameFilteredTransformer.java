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
 */
final class NameFilteredTransformer extends ResettableClassFileTransformer.WithDelegation {

  static final AgentBuilder.TransformerDecorator DECORATOR = NameFilteredTransformer::new;

  private NameFilteredTransformer(ResettableClassFileTransformer byteBuddy) {
    super(byteBuddy);
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String internalName,
      Class<?> classBeingRedefined,
      ProtectionDomain domain,
      byte[] classFile)
      throws IllegalClassFormatException {
    if (offered(internalName, loader)) {
      return classFileTransformer.transform(
          loader, internalName, classBeingRedefined, domain, classFile);
    }
    return null;
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String internalName,
      Class<?> classBeingRedefined,
      ProtectionDomain domain,
      byte[] classFile)
      throws IllegalClassFormatException {
    if (offered(internalName, loader)) {
      return classFileTransformer.transform(
          module, loader, internalName, classBeingRedefined, domain, classFile);
    }
    return null;
  }

  private static boolean offered(String internalName, ClassLoader loader) {
    // No name: a class Byte Buddy would not transform either.
    return internalName != null && !IgnoredTypes.ignored(internalName.replace('/', '.'), loader);
  }
}
