package io.github.pkce4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes {@link Json}: whatever the bytes, it either returns a value or throws {@link
 * Json.JsonException} (no other exception, no stack overflow, no hang), and an accepted value
 * survives a write-and-reparse unchanged: same types, same values.
 *
 * <p>Numbers: the reader's type follows the syntax (integer syntax that fits a long is {@code
 * Long}, anything with a fraction or exponent is {@code BigDecimal}), and that is deliberate:
 * RFC 6749 section 5.1 makes {@code expires_in} an integer number of seconds, and {@link
 * io.github.pkce4j.client.TokenResponse} refuses {@code 3600.0} or {@code 36e2} rather than
 * guess. A reader that normalised {@code -0.5e+1} to {@code Long -5} would hide that. So the
 * oracle's writer keeps the syntax class: a {@code BigDecimal} whose plain text would read as
 * an integer is written with an {@code E0} exponent, and the round trip must then give back an
 * equal value of the same type (an earlier writer printed {@code -5}, which reparsed as {@code
 * Long -5}; the fuzzer stopped on that within seconds, and the seed {@code
 * decimal_with_integer_value} keeps it).
 *
 * <p>{@code mvn verify} runs the seed corpus in {@code
 * src/test/resources/io/github/pkce4j/internal/JsonFuzzTestInputs/parse/} as regression tests.
 * To fuzz for real: {@code JAZZER_FUZZ=1 mvn -pl pkce-core,pkce-client
 * package -DskipPitest -Dsurefire.failIfNoSpecifiedTests=false -Dtest=JsonFuzzTest}
 * (findings are written next to the seeds and replayed from then on).
 */
class JsonFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void parse(byte[] data) {
    String text;
    try {
      text = UrlEncoding.decodeUtf8(data, 0, data.length);
    } catch (IllegalArgumentException notUtf8) {
      return;
    }
    Object value;
    try {
      value = Json.parse(text, 4096, 16);
    } catch (Json.JsonException expected) {
      return;
    }
    assertEquals(value, Json.parse(write(value), 1 << 20, 16));
  }

  /** A minimal JSON writer for the round-trip check; escapes everything it must. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  /**
   * The shorter of two exact spellings (same unscaled value and scale), never in integer syntax
   * that fits a long, so that it reparses as an equal {@code BigDecimal} within {@link
   * Json#MAX_NUMBER_CHARS} (the seed {@code big_integer_at_number_bound} is a 64-digit integer
   * that an unconditional {@code E0} pushed over the bound).
   */
  static String decimal(BigDecimal value) {
    String standard = value.toString();
    if (standard.indexOf('.') < 0 && standard.indexOf('E') < 0
        && value.unscaledValue().bitLength() < 64) {
      standard += "E0"; // integer syntax within a long would reparse as Long
    }
    String scientific = value.unscaledValue() + "E" + (-(long) value.scale());
    return scientific.length() < standard.length() ? scientific : standard;
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      out.append('"');
      String s = (String) value;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\' || c < 0x20) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
      out.append('"');
    } else if (value instanceof Boolean || value instanceof Long) {
      out.append(value);
    } else if (value instanceof BigDecimal) {
      out.append(decimal((BigDecimal) value));
    } else if (value instanceof List) {
      out.append('[');
      Iterator<?> it = ((List<?>) value).iterator();
      while (it.hasNext()) {
        write(it.next(), out);
        if (it.hasNext()) {
          out.append(',');
        }
      }
      out.append(']');
    } else {
      out.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) value).entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        write(e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
        if (it.hasNext()) {
          out.append(',');
        }
      }
      out.append('}');
    }
  }
}
