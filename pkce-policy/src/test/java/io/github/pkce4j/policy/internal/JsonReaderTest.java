package io.github.pkce4j.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reader of sf's --json output: RFC 8259 strictly, bounded nesting. */
class JsonReaderTest {
  @Test
  void values_escapesAndNumbers() {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("s", "a\"b\\c/\n\u00e9\u001b");
    expected.put("n", Arrays.asList(new BigDecimal("0"), new BigDecimal("-1.5e3")));
    expected.put("t", Boolean.TRUE);
    expected.put("z", null);
    expected.put("o", Collections.emptyMap());
    assertEquals(expected, JsonReader.parse(" {\"s\":\"a\\\"b\\\\c\\/\\n\\u00e9\\u001B\","
        + "\"n\":[0,-1.5e3],\"t\":true,\"z\":null,\"o\":{}} "));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"a\":1} x      | not JSON at offset 8: text after the JSON value",
      "[01]             | not JSON at offset 3: not a JSON value",
      "\"a               | not JSON at offset 2: an unterminated string",
      "\"\\x\"           | not JSON at offset 3: an unknown escape",
      "{\"a\" 1}        | not JSON at offset 5: ':' was expected",
      "[1,]             | not JSON at offset 3: not a JSON value",
      "tru              | not JSON at offset 0: not a JSON value",
  })
  void malformed_refusedAtTheOffset(String text, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JsonReader.parse(text.trim()));
    assertEquals(message, e.getMessage());
  }

  @Test
  void deepNesting_refused() {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      deep.append('[');
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JsonReader.parse(deep.toString()));
    assertEquals("not JSON at offset 65: nested deeper than 64", e.getMessage());
  }

  @Test
  void rawControlCharacterInAString_refused() {
    assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("\"a\u0001\""));
  }
}
