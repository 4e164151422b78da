package io.github.pkce4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each RFC 8259 rule {@link Json} enforces, with the exact message and offset it reports. */
class JsonErrorMessagesTest {
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "01|leading zero in a number (RFC 8259 §6) at offset 1",
      "-01|leading zero in a number (RFC 8259 §6) at offset 2",
      "-|expected a digit in a number (RFC 8259 §6) at offset 1",
      "-a|expected a digit in a number (RFC 8259 §6) at offset 1",
      "1.|expected a digit after the decimal point (RFC 8259 §6) at offset 2",
      "1.e5|expected a digit after the decimal point (RFC 8259 §6) at offset 2",
      "1e|expected a digit in the exponent (RFC 8259 §6) at offset 2",
      "1e+|expected a digit in the exponent (RFC 8259 §6) at offset 3",
      "1E-x|expected a digit in the exponent (RFC 8259 §6) at offset 3",
      "1e99999999999|number out of range at offset 0",
      "[1,]|unexpected character, expected a value at offset 3",
      "[1 2]|expected ',' or ']' in an array at offset 3",
      "[1|expected ',' or ']' in an array at offset 2",
      "{\"a\":1,}|expected a member name in double quotes at offset 7",
      "{\"a\" 1}|expected ':' after a member name at offset 5",
      "{\"a\":1 \"b\":2}|expected ',' or '}' in an object at offset 7",
      "{\"a\":1|expected ',' or '}' in an object at offset 6",
      "{|expected a member name in double quotes at offset 1",
      "[trux]|invalid literal, expected true at offset 1",
      "[nul]|invalid literal, expected null at offset 1",
      "[falsey]|expected ',' or ']' in an array at offset 6",
      "\"\\x\"|invalid escape sequence (RFC 8259 §7) at offset 2",
      "\"\\u12G4\"|invalid hex digit in a \\u escape at offset 5",
      "\"\\u004|truncated \\u escape at offset 3",
      "\"\\ud800\\u0041\"|lone surrogate escape (a high surrogate needs a low one) at offset 7",
      "\"\\ud800\"|lone surrogate escape (a high surrogate needs a low one) at offset 7",
      "\"\\udc00\"|lone surrogate escape (a low surrogate without a high one) at offset 1",
      "\"abc|unterminated string at offset 4",
      "\"\\|unterminated escape at offset 2",
      "{} x|unexpected character after the JSON value at offset 3",
      "`  `|unexpected end of input, expected a value at offset 2",
      "/|unexpected character, expected a value at offset 0",
      ":|unexpected character, expected a value at offset 0",
  })
  void parse_invalid_reportsRuleAndOffset(String json, String message) {
    Json.JsonException e = assertThrows(Json.JsonException.class, () -> Json.parse(json));
    assertEquals(message, e.getMessage());
  }

  @Test
  void parse_controlCharacterInString_reportsItsOffset() {
    assertEquals("unescaped control character in a string (RFC 8259 §7) at offset 2",
        assertThrows(Json.JsonException.class, () -> Json.parse("\"a\tb\"")).getMessage());
  }

  @Test
  void parse_rawLoneSurrogates_reportTheirOffset() {
    assertEquals("lone surrogate in a string at offset 2",
        assertThrows(Json.JsonException.class, () -> Json.parse("\"a\ud800x\"")).getMessage());
    assertEquals("lone surrogate in a string at offset 1",
        assertThrows(Json.JsonException.class, () -> Json.parse("\"\udc00\"")).getMessage());
    assertEquals("lone surrogate in a string at offset 1",
        assertThrows(Json.JsonException.class, () -> Json.parse("\"\ud800")).getMessage());
  }

  @Test
  void parse_depthBound_reportsWhereItWasCrossed() {
    assertEquals("nesting deeper than 2 levels at offset 2", assertThrows(
        Json.JsonException.class, () -> Json.parse("[[{}]]", 100, 2)).getMessage());
    assertEquals(Arrays.asList(Arrays.asList()), Json.parse("[[]]", 100, 2));
  }

  @Test
  void parse_whitespaceEverywhereAllowed_isIgnored() {
    Map<String, Object> expected = new LinkedHashMap<String, Object>();
    expected.put("a", Arrays.<Object>asList(1L, Collections.emptyMap(), Collections.emptyList()));
    expected.put("b", Boolean.TRUE);
    assertEquals(expected, Json.parse(
        " \t\n\r{ \t\"a\" \n:\r [ 1 , { \n} , [\t] ] , \"b\" : true\n} \r\n"));
  }

  @Test
  void parse_escapesBetweenRuns_keepEveryRun() {
    assertEquals("ab\ncd\"ef\u00e9gh", Json.parse("\"ab\\ncd\\\"ef\\u00e9gh\""));
    assertEquals("\ud83d\ude00z", Json.parse("\"\\ud83d\\ude00z\""));
    assertEquals("\ud83d\ude00", Json.parse("\"\ud83d\ude00\""));
  }

  @Test
  void parse_hexDigitsOfEveryCase_decode() {
    assertEquals("\u00ff\u00FF\u0aBc\u09af", Json.parse("\"\\u00ff\\u00FF\\u0aBc\\u09af\""));
  }
}
