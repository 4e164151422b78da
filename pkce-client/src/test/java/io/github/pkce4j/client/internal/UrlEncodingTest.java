package io.github.pkce4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URLDecoder;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlEncodingTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "abcXYZ019-._~|abcXYZ019-._~",
      "a b|a%20b",
      "a+b|a%2Bb",
      "&=?#/:@!$'()*,;%|%26%3D%3F%23%2F%3A%40%21%24%27%28%29%2A%2C%3B%25",
      "é|%C3%A9",
      "中|%E4%B8%AD",
      "\ud83d\ude00|%F0%9F%98%80",
  })
  void encodeQueryComponent_table(String in, String expected) {
    assertEquals(expected, UrlEncoding.encodeQueryComponent(in));
  }

  @Test
  void encodeForm_spaceIsPlus() {
    assertEquals("my+client%3A1", UrlEncoding.encodeForm("my client:1"));
  }

  @Test
  void encodeQueryComponent_everyAsciiChar_keepsOnlyUnreserved() {
    Map<Character, String> failures = new LinkedHashMap<Character, String>();
    for (char c = 0; c < 0x80; c++) {
      String encoded = UrlEncoding.encodeQueryComponent(String.valueOf(c));
      boolean unreserved = Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0;
      String expected = unreserved ? String.valueOf(c) : String.format("%%%02X", (int) c);
      if (!expected.equals(encoded)) {
        failures.put(c, encoded);
      }
    }
    assertEquals(Collections.emptyMap(), failures);
  }

  @Test
  void encodeForm_everyBmpChar_decodesBackWithJdkDecoder() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0xD800; c++) {
      all.append(c);
    }
    String s = all.toString();
    assertEquals(s, URLDecoder.decode(UrlEncoding.encodeForm(s), "UTF-8"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\ud800", "a\udc00", "\ud800\ud800", "x\ud83d"})
  void encode_loneSurrogate_throws(String in) {
    assertThrows(IllegalArgumentException.class, () -> UrlEncoding.encodeQueryComponent(in));
  }

  @Test
  void decodeQuery_repeatsAndEmptyPieces_keepOrder() {
    Map<String, List<String>> expected = new LinkedHashMap<String, List<String>>();
    expected.put("a", Arrays.asList("1", "3"));
    expected.put("b c", Arrays.asList("é"));
    expected.put("flag", Arrays.asList(""));
    assertEquals(expected, UrlEncoding.decodeQuery("a=1&&b+c=%C3%a9&a=3&flag"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=%", "a=%4", "a=%G1", "a=%C3", "a=%C0%AF", "a=%ED%A0%80", "a=é"})
  void decodeQuery_malformed_throws(String query) {
    assertThrows(IllegalArgumentException.class, () -> UrlEncoding.decodeQuery(query));
  }

  @Test
  void decodeQuery_valueWithEquals_splitsAtFirst() {
    assertEquals(Collections.singletonMap("a", Arrays.asList("b=c")),
        UrlEncoding.decodeQuery("a=b=c"));
  }

  @Test
  void decodeQuery_everyHexDigitPair_decodesAndNeighboursThrow() {
    String hex = "0123456789ABCDEFabcdef";
    for (int i = 0; i < hex.length(); i++) {
      for (int j = 0; j < hex.length(); j++) {
        String pct = "%" + hex.charAt(i) + hex.charAt(j);
        int value = Integer.parseInt("" + hex.charAt(i) + hex.charAt(j), 16);
        if (value < 0x80) {
          assertEquals(String.valueOf((char) value),
              UrlEncoding.decodeQuery("a=" + pct).get("a").get(0), pct);
        }
      }
    }
    for (char bad : new char[] {'/', ':', '@', 'G', '`', 'g'}) {
      assertThrows(IllegalArgumentException.class,
          () -> UrlEncoding.decodeQuery("a=%" + bad + "0"), "first digit " + bad);
      assertThrows(IllegalArgumentException.class,
          () -> UrlEncoding.decodeQuery("a=%0" + bad), "second digit " + bad);
    }
  }

  @Test
  void decodeQuery_escapeCutByNextParameter_throws() {
    assertThrows(IllegalArgumentException.class, () -> UrlEncoding.decodeQuery("a=%4&b=1"));
    assertThrows(IllegalArgumentException.class, () -> UrlEncoding.decodeQuery("a=%&b=41"));
    assertThrows(IllegalArgumentException.class, () -> UrlEncoding.decodeQuery("a%=1"));
  }

  @Test
  void decodeQuery_edgeShapes() {
    Map<String, List<String>> expected = new LinkedHashMap<String, List<String>>();
    expected.put("", Arrays.asList("v", ""));
    expected.put("a", Arrays.asList("A"));
    expected.put("b", Arrays.asList(""));
    assertEquals(expected, UrlEncoding.decodeQuery("=v&a=%41&=&b&"));
    assertEquals(Collections.emptyMap(), UrlEncoding.decodeQuery(""));
    assertEquals(Collections.emptyMap(), UrlEncoding.decodeQuery("&&"));
    assertEquals(Collections.singletonMap("x", Arrays.asList("=")),
        UrlEncoding.decodeQuery("x=="));
  }

  @Test
  void encode_utf8BoundaryCodePoints_matchJdk() throws Exception {
    StringBuilder chars = new StringBuilder();
    chars.append('\u007f').append('\u0080').append('\u07ff').append('\u0800').append('\uffff')
        .append("\ud800\udc00").append("\udbff\udfff");
    String expected = java.net.URLEncoder.encode(chars.toString(), "UTF-8").replace("+", "%20");
    assertEquals(expected, UrlEncoding.encodeQueryComponent(chars.toString()));
    assertEquals(chars.toString(), URLDecoder.decode(
        UrlEncoding.encodeForm(chars.toString()), "UTF-8"));
  }
}
