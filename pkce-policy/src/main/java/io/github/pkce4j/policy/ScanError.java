package io.github.pkce4j.policy;

import io.github.pkce4j.policy.internal.Printable;
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
  private final String archive;
  private final String file;
  private final int line;
  private final String message;

  private ScanError(String archive, String file, int line, String message) {
    this.archive = archive;
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.message = Objects.requireNonNull(message, "message");
  }

  /**
   * {@return an error about {@code file} as a whole}
   *
   * @param file the file, as in {@link Finding#file()}
   * @param message what was found and why it gives this verdict
   */
  public static ScanError of(String file, String message) {
    return new ScanError(null, file, 0, message);
  }

  /**
   * {@return an error about an entry of a zip, or a file when {@code archive} is null}
   *
   * @param archive the zip holding the entry, as in {@link Finding#archiveOrNull()}, or {@code
   *     null} for a file that is not in a zip
   * @param entry the entry, as in {@link Finding#file()}
   * @param message what was found and why it gives this verdict
   * @since 0.1.0
   */
  public static ScanError inArchive(String archive, String entry, String message) {
    return new ScanError(archive, entry, 0, message);
  }

  /**
   * {@return an error at a 1-based line of an entry of a zip (a whole-entry error for line 0)}
   *
   * @param archive the zip holding the entry, or {@code null} for a file that is not in a zip
   * @param entry the entry, as in {@link Finding#file()}
   * @param line the 1-based line, or 0 for the whole entry
   * @param message what was found and why it gives this verdict
   * @since 0.1.0
   */
  public static ScanError inArchive(String archive, String entry, int line, String message) {
    if (line < 0) {
      throw new IllegalArgumentException("line is " + line + "; lines are 1-based, or 0");
    }
    return new ScanError(archive, entry, line, message);
  }

  /**
   * {@return an error at a 1-based line of {@code file}}
   *
   * @param file the file, as in {@link Finding#file()}
   * @param line the 1-based line
   * @param message what was found and why it gives this verdict
   */
  public static ScanError at(String file, int line, String message) {
    if (line < 1) {
      throw new IllegalArgumentException("line is " + line + "; lines are 1-based");
    }
    return new ScanError(null, file, line, message);
  }

  /**
   * {@return the zip that holds {@link #file()}, as the input was displayed, or {@code null} when
   * the file is not inside a zip}
   */
  public String archiveOrNull() {
    return archive;
  }

  /** {@return the file or input, as in {@link Finding#file()}} */
  public String file() {
    return file;
  }

  /** {@return the 1-based line, or 0 when the error concerns the whole file} */
  public int line() {
    return line;
  }

  /** {@return what went wrong} */
  public String message() {
    return message;
  }

  /**
   * {@return {@code file:line: message}, safe to print: control, bidi and line-break characters
   * from the input (file names, zip entry names) are replaced by {@code ?}}
   */
  @Override
  public String toString() {
    return Printable.longText(file + (line > 0 ? ":" + line : "") + ": " + message);
  }
}
