package io.github.pkce4j.internal;

/**
 * Makes text from the network or a file safe to put into an exception message, a log line or a
 * terminal: every character that could move the cursor, start an escape sequence, break a line or
 * reorder what is shown is replaced by a visible {@code \}{@code uXXXX} escape.
 *
 * <p>Replaced: C0 controls (U+0000–U+001F, including CR, LF and TAB), DEL (U+007F), C1 controls
 * (U+0080–U+009F, among them the 8-bit CSI U+009B and OSC U+009D), the line and paragraph
 * separators U+2028 and U+2029, the bidirectional controls U+200E, U+200F, U+202A–U+202E and
 * U+2066–U+2069 (CVE-2021-42574, "Trojan Source"), and lone surrogates. Everything else, including
 * other non-ASCII letters, is kept. A backslash is kept as is, so the escape is for readers, not
 * a reversible encoding.
 *
 * <p>pkce4j passes every server-derived string that can reach a message through here; modules
 * that print hostile input (the CLI, the policy audit) can reuse it.
 */
public final class PrintableText {
  private PrintableText() {}

  /** {@code text} with every unsafe character replaced; {@code null} stays {@code null}. */
  public static String of(String text) {
    if (text == null) {
      return null;
    }
    int first = firstUnsafe(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (isUnsafe(c)) {
        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
            .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * As {@link #of(String)}, then cut to at most {@code maxChars} characters of the original text
   * followed by {@code …} when longer, so one hostile header cannot flood a log.
   */
  public static String of(String text, int maxChars) {
    if (text == null || text.length() <= maxChars) {
      return of(text);
    }
    int end = maxChars;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return of(text.substring(0, end)) + "\u2026";
  }

  /** Whether {@code text} is free of every character {@link #of(String)} replaces. */
  public static boolean isPrintable(String text) {
    return firstUnsafe(text) < 0;
  }

  private static int firstUnsafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (isUnsafe(c)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isUnsafe(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028' || c == '\u2029'
        || c == '\u200e' || c == '\u200f'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069')
        || Character.isSurrogate(c);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();
}
