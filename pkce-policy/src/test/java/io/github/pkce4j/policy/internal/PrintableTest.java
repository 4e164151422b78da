package io.github.pkce4j.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one sanitizer for text output: exactly the characters a terminal acts on are replaced. */
class PrintableTest {
  @Test
  void sweepOfEveryBmpChar_replacesC0DelC1SeparatorsAndBidiControls_only() {
    StringBuilder replaced = new StringBuilder();
    for (int c = 0; c <= 0xffff; c++) {
      if (Character.isSurrogate((char) c)) {
        continue;
      }
      String s = String.valueOf((char) c);
      if (!Printable.clean(s, 10).equals(s)) {
        assertEquals("?", Printable.clean(s, 10), Integer.toHexString(c));
        replaced.append(Integer.toHexString(c)).append(' ');
      }
    }
    StringBuilder expected = new StringBuilder();
    for (int c = 0; c <= 0x1f; c++) {
      expected.append(Integer.toHexString(c)).append(' ');
    }
    for (int c = 0x7f; c <= 0x9f; c++) {
      expected.append(Integer.toHexString(c)).append(' ');
    }
    expected.append("2028 2029 202a 202b 202c 202d 202e 2066 2067 2068 2069 ");
    assertEquals(expected.toString(), replaced.toString());
  }

  @Test
  void cap_endsWithEllipsis_neverSplitsASurrogatePair() {
    assertEquals("abc…", Printable.clean("abcdef", 3));
    assertEquals("abc", Printable.clean("abc", 3));
    assertEquals("ab…", Printable.clean("ab\ud83d\ude00x", 3), "the pair is dropped whole");
    assertEquals("a?…", Printable.clean("a\u001b[2J", 2));
    assertEquals("", Printable.clean(null, 3));
  }
}
