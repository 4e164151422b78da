package io.github.pkce4j.client;

/**
 * Reads {@code WWW-Authenticate} challenges (RFC 9110 section 11.6.1) far enough to see a
 * resource server's DPoP nonce challenge (RFC 9449 section 9): a {@code DPoP} challenge with
 * {@code error="use_dpop_nonce"}.
 */
final class DpopChallenges {
  /** Longest header value read; longer ones are not read as a challenge. */
  static final int MAX_CHARS = 8 * 1024;

  private DpopChallenges() {}

  /**
   * Whether {@code header} holds a {@code DPoP} challenge whose {@code error} parameter is {@code
   * use_dpop_nonce}; scheme and parameter names compare case-insensitively (RFC 9110 sections
   * 11.1 and 11.2), the value exactly.
   */
  static boolean isNonceChallenge(String header) {
    if (header == null || header.length() > MAX_CHARS) {
      return false;
    }
    Reader in = new Reader(header);
    String scheme = null;
    while (in.skipSeparators()) {
      String name = in.token();
      if (name.isEmpty()) {
        return false; // not a challenge list this reader understands
      }
      in.skipSpaces();
      if (in.peek() == '=') {
        in.pos++;
        in.skipSpaces();
        String value = in.peek() == '"' ? in.quoted() : in.token();
        if (value == null) {
          return false;
        }
        if ("DPoP".equalsIgnoreCase(scheme) && "error".equalsIgnoreCase(name)
            && "use_dpop_nonce".equals(value)) {
          return true;
        }
      } else {
        scheme = name;
      }
    }
    return false;
  }

  private static final class Reader {
    private final String s;
    private int pos;

    Reader(String s) {
      this.s = s;
    }

    char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    /** Skips spaces, tabs and commas; whether anything is left. */
    boolean skipSeparators() {
      while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t'
          || s.charAt(pos) == ',')) {
        pos++;
      }
      return pos < s.length();
    }

    void skipSpaces() {
      while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
        pos++;
      }
    }

    /** RFC 9110 section 5.6.2 token characters, possibly none. */
    String token() {
      int start = pos;
      while (pos < s.length() && isTchar(s.charAt(pos))) {
        pos++;
      }
      return s.substring(start, pos);
    }

    /** RFC 9110 section 5.6.4 quoted-string, unescaped; {@code null} if unterminated. */
    String quoted() {
      StringBuilder out = new StringBuilder();
      pos++; // opening quote
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c == '\\' && pos < s.length()) {
          c = s.charAt(pos++);
        }
        out.append(c);
      }
      return null;
    }

    private static boolean isTchar(char c) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
  }
}
