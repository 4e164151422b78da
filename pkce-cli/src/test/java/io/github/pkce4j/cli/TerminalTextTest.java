package io.github.pkce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.internal.Json;
import org.junit.jupiter.api.Test;

/** What may reach the terminal from the network or a file: core's PrintableText rule, one line. */
class TerminalTextTest {
  private static boolean expectedUnsafe(int c) {
    return c <= 0x1F || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029 || c == 0x200E
        || c == 0x200F || (c >= 0xD800 && c <= 0xDFFF);
  }

  @Test
  void line_everyCharacter_unsafeOnesEscapedLineBreaksAndTabsSpaced() {
    for (int c = 0; c <= 0xFFFF; c++) {
      String in = "a" + (char) c + "b";
      String printed = TerminalText.line(in);
      if (c == '\r' || c == '\n' || c == '\t') {
        assertEquals("a b", printed, "U+" + Integer.toHexString(c));
      } else if (expectedUnsafe(c)) {
        assertEquals(String.format("a\\u%04xb", c), printed);
      } else {
        assertEquals(in, printed, "U+" + Integer.toHexString(c));
      }
    }
  }

  @Test
  void line_surrogatePair_isKept() {
    assertEquals("a\uD83D\uDE00b", TerminalText.line("a\uD83D\uDE00b"));
  }

  @Test
  void line_runOfLineBreaks_isOneSpace() {
    assertEquals("code expired", TerminalText.line("code\r\n\n\texpired"));
  }

  @Test
  void json_everyUnsafeCharacterInAString_escapedSameValueStillValid() {
    StringBuilder all = new StringBuilder();
    for (int c = 0x7F; c <= 0xFFFF; c++) {
      if (expectedUnsafe(c) && !Character.isSurrogate((char) c)) { // valid JSON has no lone one
        all.append((char) c);
      }
    }
    String json = "{\"a\":\"" + all + "\",\"b\":[1,\"\\u001b\\\"x\"]}";
    String printed = TerminalText.json(json);
    for (int i = 0; i < printed.length(); i++) {
      assertFalse(expectedUnsafe(printed.charAt(i)), "raw U+"
          + Integer.toHexString(printed.charAt(i)) + " in " + printed);
    }
    assertEquals(Json.parseObject(json), Json.parseObject(printed));
    assertTrue(printed.endsWith("\"b\":[1,\"\\u001b\\\"x\"]}"), printed);
  }

  @Test
  void json_prettyPrinted_becomesOneLineWithTheSameValue() {
    String json = "{\r\n\t\"access_token\": \"at\",\n  \"expires_in\": 60\n}\n";
    String printed = TerminalText.json(json);
    assertEquals("{\"access_token\": \"at\",  \"expires_in\": 60}", printed);
    assertEquals(Json.parseObject(json), Json.parseObject(printed));
  }
}
