package io.github.pkce4j.client.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, bounded JSON reader (RFC 8259) for token responses, error responses and server
 * metadata.
 *
 * <p>Values map to {@code Map<String, Object>} (insertion order, unmodifiable), {@code
 * List<Object>} (unmodifiable), {@code String}, {@code Boolean}, {@code Long} (integers that fit),
 * {@code BigDecimal} (other numbers) and {@code null}. Refused: anything RFC 8259 does not allow
 * (leading zeros, {@code +1}, {@code .5}, trailing commas, single quotes, comments, control
 * characters in strings, bad escapes, a byte-order mark), numbers longer than {@value
 * #MAX_NUMBER_CHARS} characters, duplicate member names (RFC 8259 §4
 * leaves them to the parser; accepting them invites two readers to disagree), lone surrogates,
 * input longer than the size bound and nesting deeper than the depth bound.
 */
public final class Json {
  /** Default size bound, in characters: far above any token response or metadata document. */
  public static final int DEFAULT_MAX_CHARS = 256 * 1024;
  /** Default depth bound: metadata documents nest two or three levels. */
  public static final int DEFAULT_MAX_DEPTH = 32;
  /**
   * Longest number accepted, in characters: far above any {@code expires_in} (a long has 19
   * digits), and short enough that converting it costs nothing (a 250,000-digit number took about
   * a second in {@code BigDecimal}).
   */
  public static final int MAX_NUMBER_CHARS = 64;

  private final String in;
  private final int maxDepth;
  private int pos;

  private Json(String in, int maxDepth) {
    this.in = in;
    this.maxDepth = maxDepth;
  }

  /** Parses one JSON value with the default bounds. */
  public static Object parse(String json) {
    return parse(json, DEFAULT_MAX_CHARS, DEFAULT_MAX_DEPTH);
  }

  /**
   * Parses one JSON value: surrounding white space allowed, nothing else after it.
   *
   * @throws JsonException naming the rule broken and the character offset
   */
  public static Object parse(String json, int maxChars, int maxDepth) {
    if (json.length() > maxChars) {
      throw new JsonException("JSON text has " + json.length() + " characters; the limit is "
          + maxChars);
    }
    Json reader = new Json(json, maxDepth);
    reader.skipWhitespace();
    Object value = reader.readValue(0);
    reader.skipWhitespace();
    if (reader.pos != json.length()) {
      throw reader.error("unexpected character after the JSON value");
    }
    return value;
  }

  /**
   * Parses a JSON object with the default bounds.
   *
   * @throws JsonException if the text is not valid JSON or its top-level value is not an object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String json) {
    Object value = parse(json);
    if (!(value instanceof Map)) {
      throw new JsonException("the top-level JSON value is not an object");
    }
    return (Map<String, Object>) value;
  }

  private Object readValue(int depth) {
    if (pos >= in.length()) {
      throw error("unexpected end of input, expected a value");
    }
    char c = in.charAt(pos);
    switch (c) {
      case '{':
        return readObject(depth + 1);
      case '[':
        return readArray(depth + 1);
      case '"':
        return readString();
      case 't':
        expectLiteral("true");
        return Boolean.TRUE;
      case 'f':
        expectLiteral("false");
        return Boolean.FALSE;
      case 'n':
        expectLiteral("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return readNumber();
        }
        throw error("unexpected character, expected a value");
    }
  }

  private Map<String, Object> readObject(int depth) {
    checkDepth(depth);
    pos++; // '{'
    Map<String, Object> members = new LinkedHashMap<String, Object>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return Collections.unmodifiableMap(members);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a member name in double quotes");
      }
      int nameStart = pos;
      String name = readString();
      if (members.containsKey(name)) {
        pos = nameStart;
        throw error("duplicate member name");
      }
      skipWhitespace();
      if (peek() != ':') {
        throw error("expected ':' after a member name");
      }
      pos++;
      skipWhitespace();
      members.put(name, readValue(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') {
        return Collections.unmodifiableMap(members);
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}' in an object");
      }
    }
  }

  private List<Object> readArray(int depth) {
    checkDepth(depth);
    pos++; // '['
    List<Object> elements = new ArrayList<Object>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return Collections.unmodifiableList(elements);
    }
    while (true) {
      skipWhitespace();
      elements.add(readValue(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') {
        return Collections.unmodifiableList(elements);
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']' in an array");
      }
    }
  }

  private String readString() {
    pos++; // opening quote
    StringBuilder out = null;
    int runStart = pos;
    while (true) {
      if (pos >= in.length()) {
        throw error("unterminated string");
      }
      char c = in.charAt(pos);
      if (c == '"') {
        String result = out == null
            ? in.substring(runStart, pos)
            : out.append(in, runStart, pos).toString();
        pos++;
        return result;
      }
      if (c < 0x20) {
        throw error("unescaped control character in a string (RFC 8259 §7)");
      }
      if (Character.isHighSurrogate(c)) {
        if (pos + 1 >= in.length() || !Character.isLowSurrogate(in.charAt(pos + 1))) {
          throw error("lone surrogate in a string");
        }
        pos += 2;
        continue;
      }
      if (Character.isLowSurrogate(c)) {
        throw error("lone surrogate in a string");
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder();
      }
      out.append(in, runStart, pos);
      pos++; // the backslash
      readEscape(out);
      runStart = pos;
    }
  }

  /** Reads the escape after a backslash (RFC 8259 section 7) and appends what it stands for. */
  private void readEscape(StringBuilder out) {
    if (pos >= in.length()) {
      throw error("unterminated escape");
    }
    char e = in.charAt(pos++);
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out.append(e);
        return;
      case 'b':
        out.append('\b');
        return;
      case 'f':
        out.append('\f');
        return;
      case 'n':
        out.append('\n');
        return;
      case 'r':
        out.append('\r');
        return;
      case 't':
        out.append('\t');
        return;
      case 'u':
        readUnicodeEscape(out);
        return;
      default:
        pos--;
        throw error("invalid escape sequence (RFC 8259 §7)");
    }
  }

  /** The four hex digits after {@code \}{@code u}; a high surrogate needs an escaped low one. */
  private void readUnicodeEscape(StringBuilder out) {
    char u = readHex4();
    if (Character.isLowSurrogate(u)) {
      pos -= 6;
      throw error("lone surrogate escape (a low surrogate without a high one)");
    }
    if (!Character.isHighSurrogate(u)) {
      out.append(u);
      return;
    }
    if (pos + 1 >= in.length() || in.charAt(pos) != '\\' || in.charAt(pos + 1) != 'u') {
      throw error("lone surrogate escape (a high surrogate needs a low one)");
    }
    pos += 2;
    char low = readHex4();
    if (!Character.isLowSurrogate(low)) {
      pos -= 6;
      throw error("lone surrogate escape (a high surrogate needs a low one)");
    }
    out.append(u).append(low);
  }

  private char readHex4() {
    if (pos + 4 > in.length()) {
      throw error("truncated \\u escape");
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      char h = in.charAt(pos + i);
      int digit = Character.digit(h, 16);
      if (digit < 0 || h > 'f') { // Character.digit accepts non-ASCII digits; JSON does not
        pos += i;
        throw error("invalid hex digit in a \\u escape");
      }
      value = value << 4 | digit;
    }
    pos += 4;
    return (char) value;
  }

  private Object readNumber() {
    int start = pos;
    boolean integer = true;
    if (peek() == '-') {
      pos++;
    }
    char c = peek();
    if (c == '0') {
      pos++;
      if (isDigit(peek())) {
        throw error("leading zero in a number (RFC 8259 §6)");
      }
    } else if (c >= '1' && c <= '9') {
      skipDigits();
    } else {
      throw error("expected a digit in a number (RFC 8259 §6)");
    }
    if (peek() == '.') {
      integer = false;
      pos++;
      if (!isDigit(peek())) {
        throw error("expected a digit after the decimal point (RFC 8259 §6)");
      }
      skipDigits();
    }
    c = peek();
    if (c == 'e' || c == 'E') {
      integer = false;
      pos++;
      c = peek();
      if (c == '+' || c == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("expected a digit in the exponent (RFC 8259 §6)");
      }
      skipDigits();
    }
    if (pos - start > MAX_NUMBER_CHARS) {
      pos = start;
      throw error("number longer than " + MAX_NUMBER_CHARS + " characters");
    }
    String text = in.substring(start, pos);
    if (integer && text.length() <= 18) {
      return Long.valueOf(Long.parseLong(text));
    }
    try {
      BigDecimal decimal = new BigDecimal(text);
      if (integer) {
        try {
          return Long.valueOf(decimal.longValueExact());
        } catch (ArithmeticException tooBig) {
          return decimal;
        }
      }
      return decimal;
    } catch (NumberFormatException e) {
      pos = start;
      throw error("number out of range");
    }
  }

  private void skipDigits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void expectLiteral(String literal) {
    if (!in.startsWith(literal, pos)) {
      throw error("invalid literal, expected " + literal);
    }
    pos += literal.length();
  }

  private void checkDepth(int depth) {
    if (depth > maxDepth) {
      throw error("nesting deeper than " + maxDepth + " levels");
    }
  }

  /** The character at the current position, or {@code '\0'} at the end (never valid there). */
  private char peek() {
    return pos < in.length() ? in.charAt(pos) : '\0';
  }

  private void skipWhitespace() {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private JsonException error(String message) {
    return new JsonException(message + " at offset " + pos);
  }

  /** Malformed or over-limit JSON; the message never quotes the input. */
  public static final class JsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    JsonException(String message) {
      super(message);
    }
  }
}
