package io.github.pkce4j.policy;

import java.util.Objects;

/**
 * A file or input that could not be read or parsed. The scan goes on without it, and the report
 * says so: an audit with errors is incomplete.
 *
 * <p>Messages name the rule broken (size cap, refused DTD, invalid UTF-8, …), never the file's
 * content.
 *
 * @since 0.1.0
 */
public final class ScanError {
  private final String file;
  private final int line;
  private final String message;

  private ScanError(String file, int line, String message) {
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.message = Objects.requireNonNull(message, "message");
  }

  /** An error about {@code file} as a whole. */
  public static ScanError of(String file, String message) {
    return new ScanError(file, 0, message);
  }

  /** An error at a 1-based line of {@code file}. */
  public static ScanError at(String file, int line, String message) {
    if (line < 1) {
      throw new IllegalArgumentException("line is " + line + "; lines are 1-based");
    }
    return new ScanError(file, line, message);
  }

  /** The file or input, as in {@link Finding#file()}. */
  public String file() {
    return file;
  }

  /** The 1-based line, or 0 when the error concerns the whole file. */
  public int line() {
    return line;
  }

  /** What went wrong. */
  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + message;
  }
}
