package io.qnwis.it.foundation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A config file the tests rewrite while the agent polls it. */
final class ConfigFile {

  /** What ops would compute with {@code printf %s PASSWORD | sha256sum}. */
  static String sha256Hex(String password) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private ConfigFile() {}

  /**
   * Replaces the file in one step, as deployment tools do: the agent's poller never reads a
   * half-written file, so the test can count reloads exactly.
   */
  static Path write(Path file, String yaml) throws IOException {
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "agent-", ".tmp");
    Files.writeString(temp, yaml, StandardCharsets.UTF_8);
    return Files.move(
        temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
