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

  @Test
  void encode_everyTwelveBitValue_inBothHalvesOfAGroup_matchesJdk() {
    // Each 3-byte group is encoded as two 12-bit halves; pair every value with 0, 4095 and
    // itself, in both halves, and check the whole 32-byte digest-sized path too.
    Base64.Encoder jdk = Base64.getUrlEncoder().withoutPadding();
    byte[] scratch = new byte[Base64Url.encodedLength(32)];
    for (int v = 0; v < 4096; v++) {
      int[] partners = {0, 4095, v};
      for (int w : partners) {
        byte[] group = new byte[32];
        for (int g = 0; g + 3 <= 30; g += 6) {
          int first = v << 12 | w;
          int second = w << 12 | v;
          group[g] = (byte) (first >>> 16);
          group[g + 1] = (byte) (first >>> 8);
          group[g + 2] = (byte) first;
          group[g + 3] = (byte) (second >>> 16);
          group[g + 4] = (byte) (second >>> 8);
          group[g + 5] = (byte) second;
        }
        group[30] = (byte) v;
        group[31] = (byte) w;
        assertEquals(jdk.encodeToString(group), Base64Url.encodeToString(group, 32, scratch),
            "values " + v + " and " + w);
      }
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
