package io.github.pkce4j.policy.internal;

/**
 * The one place where input-derived text is made safe to print: every character that a terminal
 * or log viewer could act on becomes {@code ?}, and long text is capped.
 *
 * <p>Security: replaced are C0 controls (U+0000–U+001F, which include line breaks and ESC), DEL
 * (U+007F), C1 controls (U+0080–U+009F, e.g. CSI U+009B and NEL U+0085), the Unicode line and
 * paragraph separators (U+2028, U+2029) and the bidirectional embedding, override and isolate
 * controls (U+202A–U+202E, U+2066–U+2069), whose reordering can make a row read differently than
 * it is (CWE-150, CWE-117). The text report applies it to every file name, app name, label,
 * evidence string and message, whatever the colour setting.
 *
 * <p>pkce-core has the same rule for the client, the adapters and the CLI
 * ({@code io.github.pkce4j.internal.PrintableText}, which escapes rather than replaces); this one
 * stays separate because pkce-policy depends on nothing, so that admins' CI can run it alone.
 */
public final class Printable {
  /** Cap for names and values quoted inside a message (app names, URLs, element texts). */
  public static final int SHORT = 80;
  /** Cap for paths and whole messages. */
  public static final int LONG = 2000;

  private Printable() {}

  /** True for the characters {@link #clean(String, int)} replaces. */
  static boolean unsafe(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
  }

  /**
   * {@code s} with every unsafe character replaced by {@code ?} and, past {@code max}
   * characters, cut and ended with {@code …} (never between the halves of a surrogate pair).
   *
   * @param s the text, or {@code null} (returned as {@code ""})
   * @param max the longest result before the ellipsis
   */
  public static String clean(String s, int max) {
    if (s == null) {
      return "";
    }
    int end = s.length();
    boolean cut = false;
    if (end > max) {
      end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
      cut = true;
    }
    StringBuilder b = null;
    for (int i = 0; i < end; i++) {
      if (unsafe(s.charAt(i))) {
        if (b == null) {
          b = new StringBuilder(end + 1).append(s, 0, i);
        }
        b.append('?');
      } else if (b != null) {
        b.append(s.charAt(i));
      }
    }
    String clean = b == null ? s.substring(0, end) : b.toString();
    return cut ? clean + "…" : clean;
  }

  /** {@code s} cleaned and capped at {@link #SHORT} characters. */
  public static String shortText(String s) {
    return clean(s, SHORT);
  }

  /** {@code s} cleaned and capped at {@link #LONG} characters. */
  public static String longText(String s) {
    return clean(s, LONG);
  }
}
