package io.github.pkce4j.cli;

import java.io.PrintWriter;
import java.util.function.IntConsumer;

/**
 * The "read N metadata files" line that {@code pkce audit} keeps up to date on standard error
 * while a long audit runs, when the user watches a terminal. It redraws one line with a carriage
 * return (no escape sequences), at most every {@link #INTERVAL_NANOS}, and {@link #clear()}
 * blanks it before the report, so nothing of it is left between the report's lines.
 */
final class AuditProgress implements IntConsumer {
  /** Redraw at most four times a second. */
  static final long INTERVAL_NANOS = 250_000_000L;

  private final PrintWriter err;
  /** So that the first file read draws the line at once. */
  private long lastDrawn = System.nanoTime() - INTERVAL_NANOS;
  private int width;

  AuditProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void accept(int filesRead) {
    long now = System.nanoTime();
    if (now - lastDrawn < INTERVAL_NANOS) {
      return;
    }
    lastDrawn = now;
    String line = "pkce audit: read " + filesRead
        + (filesRead == 1 ? " metadata file..." : " metadata files...");
    width = Math.max(width, line.length());
    err.print("\r" + line);
    err.flush();
  }

  /** Blanks the progress line, if one was drawn. */
  void clear() {
    if (width > 0) {
      StringBuilder blank = new StringBuilder("\r");
      for (int i = 0; i < width; i++) {
        blank.append(' ');
      }
      err.print(blank.append('\r'));
      err.flush();
      width = 0;
    }
  }
}
