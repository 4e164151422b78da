package io.github.pkce4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 4648 §10 test vectors for the standard, padded alphabet used by HTTP Basic. */
class Base64StandardTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"''|''", "f|Zg==", "fo|Zm8=", "foo|Zm9v", "foob|Zm9vYg==",
      "fooba|Zm9vYmE=", "foobar|Zm9vYmFy"})
  void encodeStandardPadded_rfc4648Vectors(String in, String expected) {
    assertEquals(expected, Base64Url.encodeStandardPadded(in.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"0xFBFF|+/8=", "0xFFFFFF|////", "0xFBEF|++8="})
  void encodeStandardPadded_usesPlusAndSlash(String hex, String expected) {
    String digits = hex.substring(2);
    byte[] bytes = new byte[digits.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    assertEquals(expected, Base64Url.encodeStandardPadded(bytes));
  }
}
