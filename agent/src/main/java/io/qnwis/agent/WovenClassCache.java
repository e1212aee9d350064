package io.qnwis.agent;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * Woven class files kept on disk from one run of the service to the next, so that a class the agent
 * wove before is not woven again: Byte Buddy's class writer and the advice it inlines (most of what
 * weaving a class costs, and of the classes it loads) then stay off the service's start path.
 * Matching is not cached: it runs as before, so a class is taken from the cache only for the very
 * instrumentations that match it now.
 *
 * <p>An entry is the woven file of one class file, named by the class, a checksum of its original
 * bytes and the instrumentations applied. It holds those instrumentations and the original bytes
 * again, compared in full on every lookup (a changed library never gets another version's woven
 * class), and a checksum of the whole entry (a truncated or damaged file is a miss). Entries of one
 * build of the agent share a directory named by a checksum of the agent jar, so a new agent never
 * reads what an old one wove; directories of other builds unused for {@link #STALE_AFTER} are
 * removed.
 *
 * <p>The JVM does not verify classes of the bootstrap loader, and woven JDK executors load there:
 * the cache directory is the agent's own. It must be owned by the user the JVM runs as and closed
 * to everyone else ({@code rwx------}, as it is created); otherwise, or where the file system has
 * no POSIX permissions, there is no cache and every class is woven as it loads. A file is written
 * under a temporary name and then renamed, so concurrent JVMs sharing the directory never read half
 * a file.
 */
final class WovenClassCache {

  /** Entries per agent build; past it nothing more is stored. A service weaves some tens. */
  static final int MAX_ENTRIES = 2_000;

  static final Duration STALE_AFTER = Duration.ofDays(30);

  /** Zip's end of central directory record: its signature, its size without the comment. */
  private static final int END_SIGNATURE = 0x06054b50;

  private static final int END_RECORD = 22;

  /** The record and the longest comment it may end with. */
  private static final int END_RECORD_MAX = END_RECORD + 0xffff;

  private static final int MAGIC = 0x514e5743; // "QNWC"
  private static final int FORMAT = 1;
  private static final String SUFFIX = ".woven";
  private static final String PARTIAL = ".tmp";
  private static final int MAX_NAME = 160;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private final Path directory;
  private final int maxEntries;
  private final AtomicInteger entries;

  private WovenClassCache(Path directory, int maxEntries, int entries) {
    this.directory = directory;
    this.maxEntries = maxEntries;
    this.entries = new AtomicInteger(entries);
  }

  /**
   * The cache under {@code root} for the agent build {@code agentJar} identifies, or null, logged,
   * if it cannot be used. Creates {@code root} (owner only) if missing.
   */
  static WovenClassCache open(Path root, Path agentJar) {
    try {
      return open(root, fingerprint(agentJar));
    } catch (IOException | RuntimeException e) {
      AgentLog.warn(
          "no class cache in "
              + root
              + " ("
              + e
              + "); classes are woven as they load (cache=DIR for another directory, cache=off"
              + " for none)");
      return null;
    }
  }

  static WovenClassCache open(Path root, String build) throws IOException {
    return open(root, build, MAX_ENTRIES);
  }

  static WovenClassCache open(Path root, String build, int maxEntries) throws IOException {
    createPrivate(root);
    String problem = notPrivate(root);
    if (problem != null) {
      AgentLog.warn(
          "no class cache: "
              + root
              + " "
              + problem
              + "; classes are woven as they load (use a directory only this user can write,"
              + " or cache=off)");
      return null;
    }
    Path directory = root.resolve(build);
    Files.createDirectories(directory);
    Files.setLastModifiedTime(directory, FileTime.fromMillis(System.currentTimeMillis()));
    removeStale(root, directory);
    return new WovenClassCache(directory, maxEntries, countAndTidy(directory));
  }

  /** The woven class file stored for these original bytes and instrumentations, or null. */
  byte[] find(String className, byte[] classFile, String instrumentations) {
    byte[] entry;
    try {
      entry = Files.readAllBytes(file(className, classFile, instrumentations));
    } catch (IOException missingOrUnreadable) {
      return null;
    }
    return woven(entry, classFile, instrumentations);
  }

  /** Keeps {@code woven} for the next run; a failure only means a miss then. */
  void store(String className, byte[] classFile, String instrumentations, byte[] woven) {
    if (entries.incrementAndGet() > maxEntries) {
      return;
    }
    Path file = file(className, classFile, instrumentations);
    Path partial = file.resolveSibling(uniqueName(file.getFileName().toString()));
    try {
      Files.write(partial, entry(classFile, instrumentations, woven));
      try {
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      entries.decrementAndGet();
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // nothing more to do: a stray partial file is never read
      }
      AgentLog.warnRateLimited(
          "class-cache", "cannot store a woven class in " + directory + ": " + e);
    }
  }

  /**
   * {@code prefix} made unique to this thread of this JVM, well enough: a clash only damages an
   * entry, which is then a miss. Not from ProcessHandle, whose first use starts a thread pool (a
   * service thread weaving a pool class here then hangs), nor from SecureRandom, as {@link
   * Files#createTempFile} is: seeding it costs milliseconds at start-up.
   */
  private static String uniqueName(String prefix) {
    return prefix
        + "."
        + Long.toHexString(System.nanoTime())
        + "-"
        + Thread.currentThread().getId()
        + PARTIAL;
  }

  Path directory() {
    return directory;
  }

  /**
   * The entry's file: the class name, cut to leave room in a file name (255 bytes) for the rest,
   * which is safe since the entry's contents are compared in full.
   */
  private Path file(String className, byte[] classFile, String instrumentations) {
    return directory.resolve(
        className.substring(0, Math.min(className.length(), MAX_NAME))
            + "."
            + Long.toHexString(crc(classFile))
            + "."
            + Long.toHexString(crc(instrumentations.getBytes(StandardCharsets.UTF_8)))
            + SUFFIX);
  }

  /** Magic, format, instrumentations, original, woven, then a checksum of all before it. */
  private static byte[] entry(byte[] classFile, String instrumentations, byte[] woven)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(classFile.length + woven.length + 256);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeUTF(instrumentations);
    out.writeInt(classFile.length);
    out.write(classFile);
    out.writeInt(woven.length);
    out.write(woven);
    out.flush();
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeLong(crc.getValue());
    return bytes.toByteArray();
  }

  /** The woven bytes of {@code entry} if it is whole and for exactly these inputs, else null. */
  private static byte[] woven(byte[] entry, byte[] classFile, String instrumentations) {
    try {
      ByteBuffer in = ByteBuffer.wrap(entry);
      if (entry.length < Long.BYTES) {
        return null;
      }
      CRC32 crc = new CRC32();
      crc.update(entry, 0, entry.length - Long.BYTES);
      if (crc.getValue() != in.getLong(entry.length - Long.BYTES)
          || in.getInt() != MAGIC
          || in.getInt() != FORMAT) {
        return null;
      }
      int stringLength = Short.toUnsignedInt(in.getShort());
      byte[] expected = instrumentations.getBytes(StandardCharsets.UTF_8);
      if (!Arrays.equals(
          entry, in.position(), in.position() + stringLength, expected, 0, expected.length)) {
        return null;
      }
      in.position(in.position() + stringLength);
      int originalLength = in.getInt();
      if (!Arrays.equals(
          entry, in.position(), in.position() + originalLength, classFile, 0, classFile.length)) {
        return null;
      }
      in.position(in.position() + originalLength);
      byte[] woven = new byte[in.getInt()];
      in.get(woven);
      return in.remaining() == Long.BYTES ? woven : null;
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  /**
   * A checksum of the agent jar's central directory, which names every entry with its size and
   * CRC-32: any rebuild, even of the same version, gets its own entries. It reads a few hundred KB
   * at the jar's end rather than the whole 16 MB jar (10-17 ms on the start path).
   */
  static String fingerprint(Path agentJar) throws IOException {
    try (FileChannel jar = FileChannel.open(agentJar, StandardOpenOption.READ)) {
      long size = jar.size();
      ByteBuffer tail = readFully(jar, size - Math.min(size, END_RECORD_MAX), size);
      int end = tail.limit() - END_RECORD;
      while (end >= 0 && tail.getInt(end) != END_SIGNATURE) {
        end--;
      }
      if (end < 0) {
        throw new IOException(agentJar + " is not a jar (no end of central directory)");
      }
      long directorySize = Integer.toUnsignedLong(tail.getInt(end + 12));
      long directoryStart = Integer.toUnsignedLong(tail.getInt(end + 16));
      if (directoryStart + directorySize > size) {
        throw new IOException(agentJar + " is not a jar (central directory past its end)");
      }
      CRC32 crc = new CRC32();
      crc.update(readFully(jar, directoryStart, directoryStart + directorySize));
      return "build-" + Long.toHexString(crc.getValue()) + "-" + size;
    }
  }

  private static ByteBuffer readFully(FileChannel file, long from, long to) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) (to - from)).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (file.read(buffer, from + buffer.position()) < 0) {
        throw new EOFException();
      }
    }
    return buffer.flip();
  }

  private static void createPrivate(Path root) throws IOException {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      Path parent = root.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createDirectory(root, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (UnsupportedOperationException noPosix) {
        Files.createDirectory(root);
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // another JVM created it meanwhile: checked below like any existing directory
      }
    }
  }

  /** Why {@code root} is not the agent's own, or null if it is. */
  static String notPrivate(Path root) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(root, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return "has no POSIX permissions to check";
    }
    PosixFileAttributes attributes = view.readAttributes();
    if (attributes.isSymbolicLink() || !attributes.isDirectory()) {
      return "is not a directory";
    }
    Set<PosixFilePermission> open = EnumSet.copyOf(attributes.permissions());
    open.retainAll(
        EnumSet.of(
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ));
    if (!open.isEmpty()) {
      return "is readable or writable by others ("
          + PosixFilePermissions.toString(attributes.permissions())
          + ")";
    }
    Path probe = Files.createFile(root.resolve(uniqueName("owner")));
    try {
      if (!Files.getOwner(probe).equals(attributes.owner())) {
        return "belongs to " + attributes.owner().getName() + ", not to this user";
      }
    } finally {
      Files.deleteIfExists(probe);
    }
    return null;
  }

  private static void removeStale(Path root, Path current) {
    long staleBefore = System.currentTimeMillis() - STALE_AFTER.toMillis();
    // Filters by hand: a glob compiles a regular expression.
    try (DirectoryStream<Path> builds = Files.newDirectoryStream(root)) {
      for (Path build : builds) {
        if (build.getFileName().toString().startsWith("build-")
            && !build.equals(current)
            && Files.getLastModifiedTime(build, LinkOption.NOFOLLOW_LINKS).toMillis()
                < staleBefore) {
          deleteTree(build);
        }
      }
    } catch (IOException | RuntimeException e) {
      AgentLog.warn("cannot remove old class caches in " + root + ": " + e);
    }
  }

  private static void deleteTree(Path build) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(build)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(build);
  }

  /**
   * The entries in {@code directory}; removes temporary files over a minute old, which a JVM that
   * stopped while writing left behind.
   */
  private static int countAndTidy(Path directory) throws IOException {
    long abandonedBefore = System.currentTimeMillis() - 60_000;
    int count = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
          count++;
        } else if (name.endsWith(PARTIAL)
            && Files.getLastModifiedTime(file).toMillis() < abandonedBefore) {
          Files.deleteIfExists(file);
        }
      }
    }
    return count;
  }
}
