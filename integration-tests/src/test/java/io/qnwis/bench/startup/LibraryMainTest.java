package io.qnwis.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LibraryMainTest {

  @Test
  void loadsEveryClassOfTheMatchingJarsAndSaysHowMany() throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      LibraryMain.main(new String[] {".*jopt-simple.*"});
    } finally {
      System.setOut(out);
    }

    String line = printed.toString(StandardCharsets.UTF_8).trim();
    assertThat(line).startsWith(LibraryMain.MARKER + " classes=");
    int classes = Integer.parseInt(line.replaceAll(".* classes=(\\d+) .*", "$1"));
    // jopt-simple 5.0.4 holds some 80 classes, all loadable.
    assertThat(classes).isGreaterThan(50);
    assertThat(line).contains(" failed=0 ");
  }
}
