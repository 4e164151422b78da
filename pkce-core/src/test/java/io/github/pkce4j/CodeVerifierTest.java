package io.github.pkce4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodeVerifierTest {
  private static String repeat(char c, int n) {
    char[] chars = new char[n];
    Arrays.fill(chars, c);
    return new String(chars);
  }

  @ParameterizedTest(name = "{0} chars -> valid={1}")
  @CsvSource({"0,false", "1,false", "42,false", "43,true", "44,true", "127,true", "128,true",
      "129,false", "1000,false"})
  void parse_lengthBoundaries(int length, boolean valid) {
    String value = repeat('a', length);
    if (valid) {
      assertEquals(value, CodeVerifier.parse(value).value());
      assertEquals(length, CodeVerifier.parse(value).length());
    } else {
      PkceException e = assertThrows(PkceException.class, () -> CodeVerifier.parse(value));
      assertEquals(PkceException.INVALID_REQUEST, e.errorCode());
      assertEquals("code_verifier has " + length + " characters; RFC 7636 section 4.1 requires 43 to 128",
          e.description());
    }
  }

  @Test
  void parse_everyCharFrom0To255_acceptsExactlyUnreserved() {
    String unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    List<String> wrong = new ArrayList<>();
    for (char c = 0; c <= 255; c++) {
      String value = repeat('a', 42) + c;
      boolean expected = unreserved.indexOf(c) >= 0;
      boolean accepted;
      try {
        CodeVerifier.parse(value);
        accepted = true;
      } catch (PkceException e) {
        accepted = false;
        assertEquals("code_verifier has a character outside [A-Za-z0-9-._~] at index 42;"
            + " RFC 7636 section 4.1 allows only these", e.description());
      }
      if (accepted != expected) {
        wrong.add("char " + (int) c + " accepted=" + accepted);
      }
    }
    assertEquals(new ArrayList<String>(), wrong, "chars judged wrongly");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u00e9", "\u0100", "\u4e2d", "\ud83d\ude00", "\ud800", "\udfff",
      "\uff21", "\u0661"})
  void parse_nonAsciiAndSurrogates_throws(String odd) {
    // Counted in UTF-16 units, a surrogate pair is two; pad so the length is valid either way.
    String value = repeat('a', 50) + odd;
    PkceException e = assertThrows(PkceException.class, () -> CodeVerifier.parse(value));
    assertTrue(e.description().startsWith("code_verifier has a character outside"));
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "\t", "\n", "=", "+", "/", "%"})
  void parse_surroundingWhitespaceOrPadding_throws(String extra) {
    String valid = repeat('b', 43);
    assertThrows(PkceException.class, () -> CodeVerifier.parse(valid + extra));
    assertThrows(PkceException.class, () -> CodeVerifier.parse(extra + valid));
  }

  @Test
  void parse_null_throwsNullPointer() {
    assertThrows(NullPointerException.class, () -> CodeVerifier.parse(null));
  }

  @ParameterizedTest(name = "{0} bytes -> {1} chars")
  @CsvSource({"32,43", "33,44", "48,64", "64,86", "95,127", "96,128"})
  void generate_entropyBytes_givesLength(int bytes, int chars) {
    CodeVerifier v = CodeVerifier.generate(new SecureRandom(), bytes);
    assertEquals(chars, v.length());
    assertEquals(chars, v.value().length());
    assertTrue(v.value().matches("[A-Za-z0-9_-]+"), "only base64url characters");
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 16, 31, 97, 128, Integer.MAX_VALUE})
  void generate_entropyOutside32To96_throws(int bytes) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CodeVerifier.generate(new SecureRandom(), bytes));
    assertEquals("entropyBytes is " + bytes + "; RFC 7636 §4.1 and §7.1 need 32 to 96 random"
        + " bytes (43 to 128 characters)", e.getMessage());
  }

  @Test
  void generate_usesGivenRandomForExactly32Bytes() {
    byte[] zeros = new byte[32];
    FixedBytesRandom random = new FixedBytesRandom(zeros);
    assertEquals(repeat('A', 43), CodeVerifier.generate(random).value());
    assertEquals(32, random.used());
  }

  @Test
  void generate_usesConfigRandom() {
    byte[] ones = new byte[32];
    Arrays.fill(ones, (byte) 0xff);
    PkceConfig config = PkceConfig.builder().secureRandom(new FixedBytesRandom(ones)).build();
    assertEquals(repeat('_', 42) + "8", CodeVerifier.generate(config).value());
  }

  @Test
  void generate_default_is43CharsAndFresh() {
    CodeVerifier a = CodeVerifier.generate();
    CodeVerifier b = CodeVerifier.generate();
    assertEquals(43, a.length());
    assertFalse(a.value().equals(b.value()));
  }

  @Test
  void generate_nullArguments_throwNullPointer() {
    assertThrows(NullPointerException.class, () -> CodeVerifier.generate((SecureRandom) null));
    assertThrows(NullPointerException.class, () -> CodeVerifier.generate((PkceConfig) null));
    assertThrows(NullPointerException.class, () -> CodeVerifier.generate(null, 32));
  }

  @Test
  void toString_isRedacted() {
    CodeVerifier v = CodeVerifier.parse("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    assertEquals("CodeVerifier[redacted]", v.toString());
    assertEquals("CodeVerifier[redacted]", String.valueOf(v));
  }

  @Test
  void equals_isIdentityOnly() {
    String value = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    CodeVerifier a = CodeVerifier.parse(value);
    CodeVerifier b = CodeVerifier.parse(value);
    assertFalse(a.equals(b), "verifiers are compared through a challenge, in constant time");
  }
}
