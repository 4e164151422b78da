package io.github.pkce4j.policy.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of the JSON the Salesforce CLI prints with {@code --json} (RFC 8259): objects
 * become maps, arrays lists, numbers {@link BigDecimal}s. Nesting is capped, duplicate member
 * names and trailing text are refused. pkce-policy has no dependencies, so it cannot share
 * pkce-core's reader; this one only reads what {@code sf} prints.
 */
public final class JsonReader {
  private static final int MAX_DEPTH = 64;

  private final String s;
  private int pos;

  private JsonReader(String s) {
    this.s = s;
  }

  /**
   * The value of {@code text}.
   *
   * @throws IllegalArgumentException naming the offset where the text stops being JSON
   */
  public static Object parse(String text) {
    JsonReader r = new JsonReader(text);
    r.space();
    Object v = r.value(0);
    r.space();
    if (r.pos != text.length()) {
      throw r.error("text after the JSON value");
    }
    return v;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
    if (pos >= s.length()) {
      throw error("the text ends where a value was expected");
    }
    char c = s.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        return number();
    }
  }

  private Map<String, Object> object(int depth) {
    pos++;
    Map<String, Object> m = new LinkedHashMap<>();
    space();
    if (peek('}')) {
      pos++;
      return m;
    }
    while (true) {
      space();
      if (!peek('"')) {
        throw error("a member name was expected");
      }
      String name = string();
      if (m.containsKey(name)) {
        throw error("a member name given twice");
      }
      space();
      expect(':');
      space();
      m.put(name, value(depth + 1));
      space();
      if (peek(',')) {
        pos++;
        continue;
      }
      expect('}');
      return m;
    }
  }

  private List<Object> array(int depth) {
    pos++;
    List<Object> list = new ArrayList<>();
    space();
    if (peek(']')) {
      pos++;
      return list;
    }
    while (true) {
      space();
      list.add(value(depth + 1));
      space();
      if (peek(',')) {
        pos++;
        continue;
      }
      expect(']');
      return list;
    }
  }

  private String string() {
    pos++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= s.length()) {
        throw error("an unterminated string");
      }
      char c = s.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw error("a control character inside a string");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (pos >= s.length()) {
        throw error("an unterminated escape");
      }
      char e = s.charAt(pos++);
      switch (e) {
        case '"':
        case '\\':
        case '/':
          b.append(e);
          break;
        case 'b':
          b.append('\b');
          break;
        case 'f':
          b.append('\f');
          break;
        case 'n':
          b.append('\n');
          break;
        case 'r':
          b.append('\r');
          break;
        case 't':
          b.append('\t');
          break;
        case 'u':
          b.append(hex4());
          break;
        default:
          throw error("an unknown escape");
      }
    }
  }

  private char hex4() {
    if (pos + 4 > s.length()) {
      throw error("a short \\u escape");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      char h = s.charAt(pos++);
      // Character.digit accepts non-ASCII digits; JSON does not.
      int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
          : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
      if (d < 0) {
        throw error("a \\u escape that is not four hex digits");
      }
      v = v * 16 + d;
    }
    return (char) v;
  }

  private BigDecimal number() {
    int start = pos;
    if (peek('-')) {
      pos++;
    }
    int digits = digits();
    if (digits == 0 || (digits > 1 && s.charAt(pos - digits) == '0')) {
      throw error("not a JSON value");
    }
    if (peek('.')) {
      pos++;
      if (digits() == 0) {
        throw error("a fraction without digits");
      }
    }
    if (peek('e') || peek('E')) {
      pos++;
      if (peek('+') || peek('-')) {
        pos++;
      }
      if (digits() == 0) {
        throw error("an exponent without digits");
      }
    }
    if (pos - start > 40) {
      throw error("a number longer than 40 characters");
    }
    return new BigDecimal(s.substring(start, pos));
  }

  private int digits() {
    int n = 0;
    while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
      pos++;
      n++;
    }
    return n;
  }

  private Object literal(String word, Object v) {
    if (!s.startsWith(word, pos)) {
      throw error("not a JSON value");
    }
    pos += word.length();
    return v;
  }

  private boolean peek(char c) {
    return pos < s.length() && s.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("'" + c + "' was expected");
    }
    pos++;
  }

  private void space() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("not JSON at offset " + pos + ": " + what);
  }
}
