package io.github.pkce4j.client.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Percent-encoding (RFC 3986 §2.1) of query components and {@code
 * application/x-www-form-urlencoded} bodies, and strict decoding of redirect queries.
 *
 * <p>Encoding keeps only the unreserved characters of RFC 3986 §2.3 and percent-encodes every
 * other UTF-8 byte, so a value can never break out of its parameter, whatever it contains.
 */
public final class UrlEncoding {
  /** UTF-8, looked up once. */
  public static final Charset UTF_8 = Charset.forName("UTF-8");

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UrlEncoding() {}

  /**
   * Percent-encodes {@code value} for a URL query component: unreserved characters stay, every
   * other UTF-8 byte becomes {@code %XX} (space is {@code %20}).
   *
   * @throws IllegalArgumentException if {@code value} has a lone surrogate (it has no UTF-8 form)
   */
  public static String encodeQueryComponent(String value) {
    return encode(value, false);
  }

  /**
   * Encodes {@code value} as {@code application/x-www-form-urlencoded}: as
   * {@link #encodeQueryComponent} but space becomes {@code +}. RFC 6749 Appendix B and §2.3.1
   * (client id and secret in HTTP Basic) use this encoding.
   *
   * @throws IllegalArgumentException if {@code value} has a lone surrogate
   */
  public static String encodeForm(String value) {
    return encode(value, true);
  }

  private static String encode(String value, boolean spaceAsPlus) {
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (isUnreserved(c)) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(value.length() + 16);
        out.append(value, 0, i);
      }
      if (c == ' ' && spaceAsPlus) {
        out.append('+');
        continue;
      }
      int codePoint = c;
      if (Character.isHighSurrogate(c) && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        codePoint = Character.toCodePoint(c, value.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("value has a lone surrogate at index " + i
            + "; it cannot be encoded as UTF-8 (RFC 3986 §2.5)");
      }
      appendUtf8(out, codePoint);
    }
    return out == null ? value : out.toString();
  }

  private static void appendUtf8(StringBuilder out, int cp) {
    if (cp < 0x80) {
      appendByte(out, cp);
    } else if (cp < 0x800) {
      appendByte(out, 0xC0 | cp >> 6);
      appendByte(out, 0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      appendByte(out, 0xE0 | cp >> 12);
      appendByte(out, 0x80 | (cp >> 6 & 0x3F));
      appendByte(out, 0x80 | (cp & 0x3F));
    } else {
      appendByte(out, 0xF0 | cp >> 18);
      appendByte(out, 0x80 | (cp >> 12 & 0x3F));
      appendByte(out, 0x80 | (cp >> 6 & 0x3F));
      appendByte(out, 0x80 | (cp & 0x3F));
    }
  }

  private static void appendByte(StringBuilder out, int b) {
    out.append('%').append(HEX[b >> 4 & 0xF]).append(HEX[b & 0xF]);
  }

  /** RFC 3986 §2.3 unreserved characters. */
  public static boolean isUnreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }

  /**
   * Decodes a query string or form body ({@code a=1&b=2}) strictly: {@code +} is a space, every
   * {@code %} is followed by two hex digits, the bytes are valid UTF-8. Empty pieces (as in
   * {@code a=1&&b=2}) are skipped; a piece without {@code =} is a name with an empty value.
   *
   * @return names in order of first appearance, each with all its values in order
   * @throws IllegalArgumentException naming the broken rule, never the value
   */
  public static Map<String, List<String>> decodeQuery(String query) {
    Map<String, List<String>> result = new LinkedHashMap<String, List<String>>();
    int start = 0;
    while (start <= query.length()) {
      int end = query.indexOf('&', start);
      if (end < 0) {
        end = query.length();
      }
      if (end > start) {
        int eq = query.indexOf('=', start);
        String name;
        String value;
        if (eq < 0 || eq > end) {
          name = decodeComponent(query, start, end);
          value = "";
        } else {
          name = decodeComponent(query, start, eq);
          value = decodeComponent(query, eq + 1, end);
        }
        List<String> values = result.get(name);
        if (values == null) {
          values = new ArrayList<String>(1);
          result.put(name, values);
        }
        values.add(value);
      }
      start = end + 1;
    }
    for (Map.Entry<String, List<String>> entry : result.entrySet()) {
      entry.setValue(Collections.unmodifiableList(entry.getValue()));
    }
    return Collections.unmodifiableMap(result);
  }

  private static String decodeComponent(String s, int start, int end) {
    byte[] bytes = null;
    int count = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '%' || c == '+' || c >= 0x80) {
        bytes = new byte[(end - start) * 3];
        break;
      }
    }
    if (bytes == null) {
      return s.substring(start, end);
    }
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 1 < end ? hexValue(s.charAt(i + 1)) : -1;
        int lo = i + 2 < end ? hexValue(s.charAt(i + 2)) : -1;
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("'%' at offset " + i
              + " is not followed by two hex digits (RFC 3986 §2.1)");
        }
        bytes[count++] = (byte) (hi << 4 | lo);
        i += 2;
      } else if (c == '+') {
        bytes[count++] = ' ';
      } else if (c < 0x80) {
        bytes[count++] = (byte) c;
      } else {
        throw new IllegalArgumentException("raw non-ASCII character at offset " + i
            + "; a URL query carries it percent-encoded (RFC 3986 §2.1)");
      }
    }
    return decodeUtf8(bytes, 0, count);
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /**
   * Decodes UTF-8 strictly: malformed or overlong sequences and encoded surrogates are refused
   * rather than replaced with U+FFFD.
   *
   * @throws IllegalArgumentException if the bytes are not valid UTF-8
   */
  public static String decodeUtf8(byte[] bytes, int offset, int length) {
    try {
      CharBuffer chars = UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("bytes are not valid UTF-8 (RFC 3629)");
    }
  }

  /** Encodes {@code value} as UTF-8 bytes. */
  public static byte[] utf8(String value) {
    return value.getBytes(UTF_8);
  }
}
