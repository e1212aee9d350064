package io.qnwis.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WovenClassCacheTest {

  private static final byte[] ORIGINAL = {(byte) 0xca, (byte) 0xfe, 1, 2, 3, 4};
  private static final byte[] WOVEN = {(byte) 0xca, (byte) 0xfe, 9, 9, 9};

  @TempDir Path temp;

  @Test
  void findsWhatItStoredForTheSameBytesAndInstrumentationsOnly() throws Exception {
    WovenClassCache cache = WovenClassCache.open(temp.resolve("cache"), "build-1");
    cache.store("a.B", ORIGINAL, "jdbc", WOVEN);

    assertThat(cache.find("a.B", ORIGINAL, "jdbc")).isEqualTo(WOVEN);
    assertThat(cache.find("a.B", ORIGINAL, "jdbc,lettuce")).isNull();
    assertThat(cache.find("a.B", new byte[] {(byte) 0xca, (byte) 0xfe, 1, 2, 3, 5}, "jdbc"))
        .isNull();
    assertThat(cache.find("a.C", ORIGINAL, "jdbc")).isNull();
    // Another JVM of the same build reads it.
    assertThat(WovenClassCache.open(temp.resolve("cache"), "build-1").find("a.B", ORIGINAL, "jdbc"))
        .isEqualTo(WOVEN);
  }

  @Test
  void keepsAClassWhoseNameIsLongerThanAFileNameMayBe() throws Exception {
    WovenClassCache cache = WovenClassCache.open(temp.resolve("cache"), "build-1");
    String longName = "a." + "Nested$".repeat(60) + "Inner";
    cache.store(longName, ORIGINAL, "jdbc", WOVEN);

    assertThat(cache.find(longName, ORIGINAL, "jdbc")).isEqualTo(WOVEN);
    assertThat(onlyEntry(cache).getFileName().toString()).hasSizeLessThan(255);
  }

  @Test
  void aDamagedOrTruncatedEntryIsAMiss() throws Exception {
    WovenClassCache cache = WovenClassCache.open(temp.resolve("cache"), "build-1");
    cache.store("a.B", ORIGINAL, "jdbc", WOVEN);
    Path entry = onlyEntry(cache);
    byte[] bytes = Files.readAllBytes(entry);

    bytes[bytes.length - 12] ^= 1; // a byte of the woven class
    Files.write(entry, bytes);
    assertThat(cache.find("a.B", ORIGINAL, "jdbc")).isNull();

    Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThat(cache.find("a.B", ORIGINAL, "jdbc")).isNull();

    Files.write(entry, new byte[0]);
    assertThat(cache.find("a.B", ORIGINAL, "jdbc")).isNull();
  }

  @Test
  void createsItsDirectoryForItsOwnerOnly() throws Exception {
    Path root = temp.resolve("parent/cache");
    WovenClassCache.open(root, "build-1");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
        .isEqualTo("rwx------");
  }

  @Test
  void refusesADirectoryOthersCanReadOrWrite() throws Exception {
    Path root = Files.createDirectory(temp.resolve("shared"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThat(WovenClassCache.open(root, "build-1")).isNull();
    assertThat(WovenClassCache.notPrivate(root)).contains("rwxrwxrwx");
  }

  @Test
  void refusesADirectoryOfAnotherUser() throws Exception {
    // Only root can give a directory away; elsewhere the check is the same code path.
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to chown");
    Path root = Files.createDirectory(temp.resolve("theirs"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
    UserPrincipal nobody =
        root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(root, nobody);

    assertThat(WovenClassCache.notPrivate(root)).contains("belongs to nobody");
    assertThat(WovenClassCache.open(root, "build-1")).isNull();
  }

  @Test
  void refusesASymbolicLink() throws Exception {
    Path target = Files.createDirectory(temp.resolve("target"));
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
    Path link = Files.createSymbolicLink(temp.resolve("link"), target);

    assertThat(WovenClassCache.open(link, "build-1")).isNull();
  }

  @Test
  void eachBuildHasItsOwnEntriesAndLongUnusedBuildsAreRemoved() throws Exception {
    Path root = temp.resolve("cache");
    WovenClassCache.open(root, "build-old").store("a.B", ORIGINAL, "jdbc", WOVEN);
    WovenClassCache.open(root, "build-recent").store("a.B", ORIGINAL, "jdbc", WOVEN);
    long longAgo =
        System.currentTimeMillis()
            - WovenClassCache.STALE_AFTER.plus(Duration.ofDays(1)).toMillis();
    Files.setLastModifiedTime(root.resolve("build-old"), FileTime.fromMillis(longAgo));

    WovenClassCache current = WovenClassCache.open(root, "build-new");

    assertThat(current.find("a.B", ORIGINAL, "jdbc")).isNull();
    assertThat(root.resolve("build-old")).doesNotExist();
    assertThat(root.resolve("build-recent")).isDirectory();
  }

  @Test
  void storesNoMoreThanItsBound() throws Exception {
    WovenClassCache cache = WovenClassCache.open(temp.resolve("cache"), "build-1", 2);
    cache.store("a.B", ORIGINAL, "jdbc", WOVEN);
    cache.store("a.C", ORIGINAL, "jdbc", WOVEN);
    cache.store("a.D", ORIGINAL, "jdbc", WOVEN);

    assertThat(cache.find("a.C", ORIGINAL, "jdbc")).isEqualTo(WOVEN);
    assertThat(cache.find("a.D", ORIGINAL, "jdbc")).isNull();
    // The bound counts what is on disk, across runs.
    WovenClassCache.open(temp.resolve("cache"), "build-1", 2).store("a.E", ORIGINAL, "jdbc", WOVEN);
    assertThat(cache.find("a.E", ORIGINAL, "jdbc")).isNull();
  }

  @Test
  void removesTemporaryFilesAStoppedJvmLeftBehind() throws Exception {
    Path root = temp.resolve("cache");
    WovenClassCache cache = WovenClassCache.open(root, "build-1");
    Path abandoned = Files.write(cache.directory().resolve("a.B.1.2.woven.5f-1.tmp"), WOVEN);
    Files.setLastModifiedTime(abandoned, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
    Path writing = Files.write(cache.directory().resolve("a.C.1.2.woven.60-1.tmp"), WOVEN);

    WovenClassCache.open(root, "build-1");

    assertThat(abandoned).doesNotExist();
    assertThat(writing).exists();
  }

  @Test
  void theFingerprintChangesWithAnyEntryOfTheJar() throws Exception {
    Path jar = temp.resolve("agent.jar");
    writeJar(jar, "a.class", new byte[] {1, 2, 3});
    String first = WovenClassCache.fingerprint(jar);
    writeJar(jar, "a.class", new byte[] {1, 2, 3});
    String again = WovenClassCache.fingerprint(jar);
    writeJar(jar, "a.class", new byte[] {1, 2, 4});

    assertThat(first).startsWith("build-").isEqualTo(again);
    assertThat(WovenClassCache.fingerprint(jar)).isNotEqualTo(first);
  }

  @Test
  void aFileThatIsNoJarHasNoFingerprint() throws Exception {
    Path notJar = Files.write(temp.resolve("agent.jar"), new byte[] {1, 2, 3});

    assertThatThrownBy(() -> WovenClassCache.fingerprint(notJar))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not a jar");
  }

  /** One entry, with a fixed time: equal contents make equal jars. */
  private static void writeJar(Path jar, String entry, byte[] contents) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      ZipEntry zipEntry = new ZipEntry(entry);
      zipEntry.setTime(0);
      out.putNextEntry(zipEntry);
      out.write(contents);
      out.closeEntry();
      out.setComment("written by the test");
    }
  }

  private static Path onlyEntry(WovenClassCache cache) throws Exception {
    try (Stream<Path> files = Files.list(cache.directory())) {
      return files.filter(f -> f.toString().endsWith(".woven")).findFirst().orElseThrow();
    }
  }
}
