package io.github.pkce4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  @Test
  void parse_tokenResponse_keepsMembersInOrderWithTypes() {
    Map<String, Object> m = Json.parseObject(" {\"a\":\"x\",\"n\":3600,\"b\":true,\"z\":null,"
        + "\"arr\":[1,\"two\",false],\"obj\":{\"k\":-1.5e3}} ");

    assertEquals(Arrays.asList("a", "n", "b", "z", "arr", "obj"),
        Arrays.asList(m.keySet().toArray()));
    assertEquals("x", m.get("a"));
    assertEquals(3600L, m.get("n"));
    assertEquals(Boolean.TRUE, m.get("b"));
    assertTrue(m.containsKey("z"));
    assertNull(m.get("z"));
    assertEquals(Arrays.<Object>asList(1L, "two", false), m.get("arr"));
    assertEquals(Collections.singletonMap("k", new BigDecimal("-1.5e3")), m.get("obj"));
  }

  @Test
  void parse_result_isUnmodifiable() {
    Map<String, Object> m = Json.parseObject("{\"a\":[1]}");
    assertThrows(UnsupportedOperationException.class, () -> m.put("b", 1));
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) m.get("a");
    assertThrows(UnsupportedOperationException.class, () -> list.add(2));
  }

  @Test
  void parse_escapes_decodeEveryRfc8259Escape() {
    assertEquals("\"\\/\b\f\n\r\t\u00e9\ud83d\ude00",
        Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\ud83d\\uDE00\""));
  }

  @Test
  void parse_rawNonAsciiAndPairedSurrogates_areKept() {
    assertEquals("é中\ud83d\ude00", Json.parse("\"é中\ud83d\ude00\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "0", "-0", "1", "-1", "9223372036854775807", "-9223372036854775808", "1.5", "1e10",
      "1E+2", "1e-2", "0.0", "-0.5e-0"})
  void parse_validNumbers_areAccepted(String number) {
    Object value = Json.parse(number);
    assertEquals(new BigDecimal(number).compareTo(value instanceof Long
        ? BigDecimal.valueOf((Long) value) : (BigDecimal) value), 0);
  }

  @Test
  void parse_integerBeyondLong_isBigDecimal() {
    assertEquals(new BigDecimal("9223372036854775808"), Json.parse("9223372036854775808"));
    assertEquals(9223372036854775807L, Json.parse("9223372036854775807"));
  }

  @Test
  void parse_numberAtLengthBound_isAccepted() {
    String digits = "1" + repeat("0", Json.MAX_NUMBER_CHARS - 1);
    assertEquals(new BigDecimal(digits), Json.parse(digits));
  }

  @Test
  void parse_numberBeyondLengthBound_throwsNamingTheBound() {
    Json.JsonException e = assertThrows(Json.JsonException.class,
        () -> Json.parse("[" + repeat("9", 250_000) + "]"));
    assertEquals("number longer than 64 characters at offset 1", e.getMessage());
    assertThrows(Json.JsonException.class,
        () -> Json.parse("0." + repeat("5", Json.MAX_NUMBER_CHARS - 1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // numbers RFC 8259 §6 refuses
      "01", "-01", "+1", ".5", "1.", "1.e3", "1e", "1e+", "-", "--1", "0x10", "NaN", "Infinity",
      "-Infinity", "1_000",
      // strings and escapes
      "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\U0041\"", "\"abc", "'single'", "\"tab\there\"",
      "\"nl\nhere\"", "\"\\u\u0660\u0661\u0662\u0663\"", "\"\\u\uff10\uff10\uff10\uff10\"",
      // lone surrogates, escaped and raw
      "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud800x\"", "\"\ud800\"",
      "\"\udc00\ud800\"",
      // structure
      "", " ", "{", "}", "[", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"a\":1 \"b\":2}",
      "[1 2]", "{} {}", "[] x", "tru", "nul", "True", "null null", "/*c*/{}", "{}//c",
      "\ufeff{}", "\u00a0{}", "{\"a\":1}\u0000",
  })
  void parse_invalidText_throws(String text) {
    assertThrows(Json.JsonException.class, () -> Json.parse(text));
  }

  @Test
  void parse_duplicateMemberName_throwsNamingRuleAndOffset() {
    Json.JsonException e = assertThrows(Json.JsonException.class,
        () -> Json.parse("{\"access_token\":\"a\",\"access_token\":\"b\"}"));
    assertEquals("duplicate member name at offset 20", e.getMessage());
  }

  @Test
  void parse_duplicateNameAfterEscapeDecoding_throws() {
    assertThrows(Json.JsonException.class, () -> Json.parse("{\"a\":1,\"\\u0061\":2}"));
  }

  @Test
  void parse_depthAtLimit_isAccepted() {
    String json = repeat("[", 32) + repeat("]", 32);
    assertEquals(32, depth(Json.parse(json)));
  }

  @Test
  void parse_depthBeyondLimit_throws() {
    String json = repeat("[", 33) + repeat("]", 33);
    Json.JsonException e = assertThrows(Json.JsonException.class, () -> Json.parse(json));
    assertTrue(e.getMessage().startsWith("nesting deeper than 32 levels"), e.getMessage());
  }

  @Test
  void parse_veryDeepNesting_throwsWithoutStackOverflow() {
    String json = repeat("{\"a\":", 100_000);
    assertThrows(Json.JsonException.class, () -> Json.parse(json));
  }

  @Test
  void parse_sizeAtLimit_isAccepted() {
    String json = "\"" + repeat("a", 98) + "\"";
    assertEquals(98, ((String) Json.parse(json, 100, 4)).length());
  }

  @Test
  void parse_sizeBeyondLimit_throwsBeforeParsing() {
    String json = "\"" + repeat("a", 99) + "\"";
    Json.JsonException e = assertThrows(Json.JsonException.class, () -> Json.parse(json, 100, 4));
    assertEquals("JSON text has 101 characters; the limit is 100", e.getMessage());
  }

  @Test
  void parse_defaultSizeLimit_is256KiB() {
    String json = "\"" + repeat("a", Json.DEFAULT_MAX_CHARS - 1) + "\"";
    assertThrows(Json.JsonException.class, () -> Json.parse(json));
  }

  @Test
  void parseObject_topLevelArray_throws() {
    Json.JsonException e = assertThrows(Json.JsonException.class, () -> Json.parseObject("[]"));
    assertEquals("the top-level JSON value is not an object", e.getMessage());
  }

  @Test
  void parse_errorMessage_neverQuotesInput() {
    Json.JsonException e = assertThrows(Json.JsonException.class,
        () -> Json.parse("{\"access_token\":\"SECRET-TOKEN\",}"));
    assertTrue(!e.getMessage().contains("SECRET"), e.getMessage());
  }

  @Test
  void parse_everyControlCharInString_throws() {
    for (char c = 0; c < 0x20; c++) {
      String json = "\"a" + c + "b\"";
      assertThrows(Json.JsonException.class, () -> Json.parse(json), "char " + (int) c);
    }
  }

  @Test
  void parse_everyOtherBmpCharInString_roundTrips() {
    Map<Character, String> failures = new LinkedHashMap<Character, String>();
    for (char c = 0x20; c < 0xD800; c++) {
      if (c == '"' || c == '\\') {
        continue;
      }
      Object parsed = Json.parse("\"" + c + "\"");
      if (!String.valueOf(c).equals(parsed)) {
        failures.put(c, String.valueOf(parsed));
      }
    }
    assertEquals(Collections.emptyMap(), failures);
  }

  private static int depth(Object value) {
    return value instanceof List && !((List<?>) value).isEmpty()
        ? 1 + depth(((List<?>) value).get(0)) : value instanceof List ? 1 : 0;
  }

  private static String repeat(String s, int n) {
    StringBuilder b = new StringBuilder(s.length() * n);
    for (int i = 0; i < n; i++) {
      b.append(s);
    }
    return b.toString();
  }
}
