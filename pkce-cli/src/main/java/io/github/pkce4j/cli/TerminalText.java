package io.github.pkce4j.cli;

import io.github.pkce4j.internal.PrintableText;

/**
 * Where the {@code pkce} tool makes text from the network or a file safe to print. Which
 * characters are unsafe is pkce-core's {@link PrintableText} rule, the one the client and the
 * adapters use for their messages (C0 and C1 controls, DEL, bidirectional controls, line and
 * paragraph separators, lone surrogates: a server cannot move the cursor, recolour the screen,
 * fake a line of output or reorder what the user reads); this class adds only what a terminal
 * line needs on top of it.
 */
final class TerminalText {
  private TerminalText() {}

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
      if (isLineBreakOrTab(c)) {
        if (!inSpace) {
          b.append(' ');
        }
        inSpace = true;
      } else {
        inSpace = false;
        b.append(c);
      }
    }
    return PrintableText.of(b.toString());
  }

  /**
   * A JSON text, already parsed as valid, made safe to print on one line and still valid JSON
   * with the same value: CR, LF and TAB between tokens are dropped, and every other unsafe
   * character (valid JSON has them raw only inside strings) becomes the JSON escape {@code
   * \}{@code uXXXX}.
   */
  static String json(String json) {
    StringBuilder b = new StringBuilder(json.length());
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString && c == '\\' && i + 1 < json.length()) {
        b.append(c).append(json.charAt(++i));
        continue;
      }
      if (c == '"') {
        inString = !inString;
      } else if (!inString && isLineBreakOrTab(c)) {
        continue;
      }
      b.append(c);
    }
    return PrintableText.of(b.toString());
  }

  private static boolean isLineBreakOrTab(char c) {
    return c == '\r' || c == '\n' || c == '\t';
  }
}
