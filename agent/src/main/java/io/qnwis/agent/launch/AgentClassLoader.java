package io.qnwis.agent.launch;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's own classes and resources, which the build puts in the agent jar under {@value
 * #PREFIX} so that neither the bootstrap nor the system loader finds them there. Everything else
 * (the JDK, the bundled libraries and the bridge on the bootstrap class path) comes from the
 * parent, except that in a JVM with a class-data sharing archive, where the jar is not on the
 * bootstrap class path, this loader takes the bundled libraries from the jar's root itself ({@link
 * #loadLibraries}). The service never sees these classes.
 */
final class AgentClassLoader extends ClassLoader {

  /** Where the agent's classes and resources lie in the jar; agent/pom.xml puts them there. */
  static final String PREFIX = "isolated/";

  /** The bundled libraries, relocated by the build; at the jar's root. */
  private static final String LIBRARIES = "io.qnwis.agent.shaded.";

  static {
    // The agent starts on two threads, which load classes at the same time.
    registerAsParallelCapable();
  }

  private final JarFile jar;
  private final String base;
  private final ProtectionDomain domain;
  private volatile boolean libraries;

  /** {@code jar}: the agent jar, open; this loader reads from it for the JVM's lifetime. */
  AgentClassLoader(JarFile jar, ClassLoader parent) throws IOException {
    super("qnwis-agent", parent);
    this.jar = jar;
    URL location = Path.of(jar.getName()).toUri().toURL();
    this.base = "jar:" + location + "!/" + PREFIX;
    this.domain =
        new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
  }

  /**
   * From now on the bundled libraries load here, not from the parent, which would find them only on
   * the system class path, after searching the service's whole class path. Called before any of
   * them loads.
   */
  void loadLibraries() {
    libraries = true;
  }

  /**
   * The agent's own classes first, then the parent: asked first, the system loader would search the
   * service's whole class path for each of the agent's classes in vain, opening every jar on it (on
   * a 35-jar class path, all 35 at start-up, and some MBs of resident memory). A class that is not
   * the agent's own is the parent's or nobody's, so no {@code findClass} is needed.
   */
  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    String path = name.replace('.', '/') + ".class";
    JarEntry entry = jar.getJarEntry(PREFIX + path);
    if (entry == null && libraries && name.startsWith(LIBRARIES)) {
      entry = jar.getJarEntry(path);
    }
    if (entry == null) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null) {
        type = define(name, entry);
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  private Class<?> define(String name, JarEntry entry) throws ClassNotFoundException {
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      long size = entry.getSize(); // known for entries the build wrote: read at once, no regrowing
      bytes = size >= 0 ? in.readNBytes((int) size) : in.readAllBytes();
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    return defineClass(name, bytes, 0, bytes.length, domain);
  }

  @Override
  protected URL findResource(String name) {
    if (jar.getJarEntry(PREFIX + name) == null) {
      return null;
    }
    try {
      return URI.create(base + name).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
  }

  /**
   * Reads the agent's own resources (advice class files, for one) straight from the jar rather than
   * through a {@code jar:} URL; only this loader has entries under {@value #PREFIX}.
   */
  @Override
  public InputStream getResourceAsStream(String name) {
    JarEntry entry = jar.getJarEntry(PREFIX + name);
    if (entry == null) {
      return super.getResourceAsStream(name);
    }
    try {
      return jar.getInputStream(entry);
    } catch (IOException e) {
      return null; // as ClassLoader does when a resource cannot be read
    }
  }
}
