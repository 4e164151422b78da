package io.github.pkce4j.client.internal;

/**
 * Writes the small flat JSON objects a DPoP proof and a JWK need (RFC 8259): string and integer
 * members, and objects already written, in the order they are added. No whitespace, so the output
 * is also the canonical form RFC 7638 section 3.3 asks for when members are added in order.
 */
public final class JsonWriter {
  private final StringBuilder out = new StringBuilder(256).append('{');
  private boolean empty = true;

  private JsonWriter() {}

  /** Starts an object. */
  public static JsonWriter object() {
    return new JsonWriter();
  }

  /** Adds a string member. */
  public JsonWriter string(String name, String value) {
    name(name);
    quote(value, out);
    return this;
  }

  /** Adds an integer member. */
  public JsonWriter number(String name, long value) {
    name(name);
    out.append(value);
    return this;
  }

  /** Adds a member whose value is a JSON object already written by another writer. */
  public JsonWriter object(String name, String json) {
    name(name);
    out.append(json);
    return this;
  }

  /** Closes the object and returns its text. */
  public String end() {
    return out.append('}').toString();
  }

  private void name(String name) {
    if (!empty) {
      out.append(',');
    }
    empty = false;
    quote(name, out);
    out.append(':');
  }

  /**
   * Appends {@code s} as a JSON string (RFC 8259 section 7): quotation mark, reverse solidus and
   * the control characters U+0000..U+001F escaped, everything else as it is.
   */
  static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();
}
