package io.github.pkce4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64UrlTest {
  @Test
  void encode_matchesJdkUnpaddedUrlEncoder_forEveryLengthTo100() {
    Random random = new Random(7636);
    for (int len = 0; len <= 100; len++) {
      byte[] bytes = new byte[len];
      random.nextBytes(bytes);
      String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      assertEquals(expected, Base64Url.encode(bytes), "length " + len);
      assertEquals(expected, new String(Base64Url.encodeToAscii(bytes), StandardCharsets.US_ASCII));
      assertEquals(expected.length(), Base64Url.encodedLength(len));
      assertArrayEquals(bytes, Base64Url.decodeOrNull(expected), "round trip, length " + len);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "AAAAA", "AB==", "AB=", "A+", "A/", "A B", "AB\n", "\u00c0A"})
  void decodeOrNull_nonCanonical_returnsNull(String s) {
    assertNull(Base64Url.decodeOrNull(s));
  }

  @Test
  void decodeOrNull_nonZeroUnusedBits_returnsNull() {
    assertArrayEquals(new byte[] {0}, Base64Url.decodeOrNull("AA"));
    assertNull(Base64Url.decodeOrNull("AB")); // 12 bits for 8: the low 4 must be zero
    assertArrayEquals(new byte[] {0, 0}, Base64Url.decodeOrNull("AAA"));
    assertNull(Base64Url.decodeOrNull("AAB")); // 18 bits for 16: the low 2 must be zero
    assertArrayEquals(new byte[0], Base64Url.decodeOrNull(""));
  }
}
