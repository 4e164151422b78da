package io.github.pkce4j.cli;

/**
 * The one place where the {@code pkce} tool makes text from the network or a file safe to print:
 * no C0 control, DEL, C1 control, bidirectional override or isolate (U+202A to U+202E, U+2066 to
 * U+2069) or line/paragraph separator (U+2028, U+2029) reaches the terminal, so a server cannot
 * move the cursor, recolour the screen, fake a line of output or reorder what the user reads.
 */
final class TerminalText {
  private TerminalText() {}

  /** True for a character that must not reach a terminal raw. */
  static boolean isUnsafe(char c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
  }

  /**
   * One line of text for an error or progress message: runs of CR, LF and TAB become one space,
   * every other unsafe character is shown as {@code \}{@code uXXXX}.
   */
  static String line(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length());
    boolean inSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n' || c == '\t') {
        if (!inSpace) {
          b.append(' ');
        }
        inSpace = true;
        continue;
      }
      inSpace = false;
      if (isUnsafe(c)) {
        escape(b, c);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A JSON text, already parsed as valid, made safe to print on one line and still valid JSON
   * with the same value: inside strings each unsafe character becomes the JSON escape
   * {@code \}{@code uXXXX}; between tokens CR, LF and TAB are dropped.
   */
  static String json(String json) {
    StringBuilder b = new StringBuilder(json.length());
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\' && i + 1 < json.length()) {
          b.append(c).append(json.charAt(++i));
          continue;
        }
        if (c == '"') {
          inString = false;
        }
        if (isUnsafe(c)) {
          escape(b, c);
        } else {
          b.append(c);
        }
      } else if (c == '"') {
        inString = true;
        b.append(c);
      } else if (c == '\r' || c == '\n' || c == '\t') {
        continue;
      } else if (isUnsafe(c)) {
        escape(b, c); // not valid JSON anyway; keep it visible rather than live
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static void escape(StringBuilder b, char c) {
    b.append(String.format("\\u%04X", (int) c));
  }
}
