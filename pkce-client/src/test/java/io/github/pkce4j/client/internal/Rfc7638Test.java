package io.github.pkce4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JWK thumbprints: the RFC 7638 section 3.1 example and EC keys checked independently. */
class Rfc7638Test {
  /** RFC 7638 section 3.1: the RSA key of RFC 7517 appendix A.1. */
  private static final String RFC7638_N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfA"
      + "AtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt"
      + "7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbO"
      + "pbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awa"
      + "pJzKnqDKgw";
  private static final String RFC7638_THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

  @Test
  void thumbprint_rfc7638Section31Example_matches() throws Exception {
    Map<String, String> members = new LinkedHashMap<String, String>();
    members.put("kty", "RSA"); // deliberately not in canonical order
    members.put("n", RFC7638_N);
    members.put("e", "AQAB");

    assertEquals("{\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"" + RFC7638_N + "\"}",
        Jwk.canonical(members));
    assertEquals(RFC7638_THUMBPRINT,
        Jwk.thumbprint(members, MessageDigest.getInstance("SHA-256").getProvider()));
  }

  /**
   * The P-256 key of RFC 9449's examples (section 4.1); its thumbprint is the {@code jkt} of RFC
   * 9449 section 6.1, and was also computed with {@code openssl dgst -sha256} over the canonical
   * JSON written out here by hand.
   */
  @Test
  void thumbprint_rfc9449ExampleKey_isTheJktOfSection61() throws Exception {
    Map<String, String> members = new LinkedHashMap<String, String>();
    members.put("y", "9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA");
    members.put("x", "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs");
    members.put("kty", "EC");
    members.put("crv", "P-256");

    assertEquals("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUf"
        + "WVAWBFs\",\"y\":\"9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA\"}", Jwk.canonical(members));
    assertEquals("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I",
        Jwk.thumbprint(members, MessageDigest.getInstance("SHA-256").getProvider()));
  }

  /** RFC 7638 section 3.3: code point order, so a supplementary character sorts last. */
  @Test
  void canonical_namesOrderedByCodePoint_notByUtf16Unit() {
    Map<String, String> members = new LinkedHashMap<String, String>();
    members.put("\ud83d\ude00", "1"); // U+1F600, UTF-16 units D83D DE00
    members.put("\uffff", "2");
    members.put("a", "3");
    members.put("ab", "4");

    assertEquals("{\"a\":\"3\",\"ab\":\"4\",\"\uffff\":\"2\",\"\ud83d\ude00\":\"1\"}",
        Jwk.canonical(members));
  }

  @Test
  void canonical_valuesEscapedPerRfc8259() {
    Map<String, String> members = new LinkedHashMap<String, String>();
    members.put("k", "q\"b\\c\u0001\u001f\u0020\u007f");

    assertEquals("{\"k\":\"q\\\"b\\\\c\\u0001\\u001f \u007f\"}", Jwk.canonical(members));
  }

  private static int compareByCodePoint(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] != y[i]) {
        return Integer.compare(x[i], y[i]);
      }
    }
    return Integer.compare(x.length, y.length);
  }

  /** RFC 7638 section 3.3, checked against the test's own code point order for many orders. */
  @Test
  void canonical_anyInsertionOrder_namesInCodePointOrder() {
    java.util.List<String> names = new java.util.ArrayList<String>(java.util.Arrays.asList("",
        "a", "ab", "aa", "b", "A", "z", "\uffff", "\ud83d\ude00", "\ud83d\ude00a",
        "\ud83d\ude00b", "\ud83d\ude01", "a\ud83d\ude00", "a\uffff"));
    java.util.List<String> sorted = new java.util.ArrayList<String>(names);
    sorted.sort(Rfc7638Test::compareByCodePoint);
    Map<String, String> inOrder = new LinkedHashMap<String, String>();
    for (String name : sorted) {
      inOrder.put(name, "v");
    }
    String expected = JsonWriterTestSupport.plain(inOrder);
    java.util.Random random = new java.util.Random(7638);
    for (int round = 0; round < 50; round++) {
      java.util.Collections.shuffle(names, random);
      Map<String, String> members = new LinkedHashMap<String, String>();
      for (String name : names) {
        members.put(name, "v");
      }
      assertEquals(expected, Jwk.canonical(members), "insertion order " + names);
    }
  }

  /** Writes members in the given order, the test's own way. */
  static final class JsonWriterTestSupport {
    static String plain(Map<String, String> members) {
      StringBuilder out = new StringBuilder("{");
      for (Map.Entry<String, String> e : members.entrySet()) {
        if (out.length() > 1) {
          out.append(',');
        }
        out.append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
      }
      return out.append('}').toString();
    }
  }
}
