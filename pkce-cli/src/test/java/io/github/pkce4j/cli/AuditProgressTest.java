package io.github.pkce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress line of a long {@code pkce audit} on a terminal. */
class AuditProgressTest {
  @Test
  void firstFile_drawsTheLine_nextOnesWithinTheIntervalDoNot_clearBlanksIt() {
    StringWriter err = new StringWriter();
    AuditProgress progress = new AuditProgress(new PrintWriter(err));

    progress.accept(1);
    assertEquals("\rpkce audit: read 1 metadata file...", err.toString());
    progress.accept(2); // within a quarter second: not redrawn
    assertEquals("\rpkce audit: read 1 metadata file...", err.toString());

    progress.clear();
    String blank = "\r" + new String(new char[35]).replace('\0', ' ') + "\r";
    assertEquals("\rpkce audit: read 1 metadata file..." + blank, err.toString());
    progress.clear(); // nothing drawn since: nothing to blank
    assertEquals("\rpkce audit: read 1 metadata file..." + blank, err.toString());
  }

  @Test
  void clear_withNothingDrawn_printsNothing() {
    StringWriter err = new StringWriter();
    new AuditProgress(new PrintWriter(err)).clear();
    assertEquals("", err.toString());
  }
}
