package io.github.pkce4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Control characters from the network never reach a message, log or terminal (finding 4). */
class PrintableTextTest {
  @ParameterizedTest
  @ValueSource(chars = {'\u0000', '\u0007', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f',
      '\u0080', '\u0085', '\u009b', '\u009d', '\u009f', '\u200e', '\u200f', '\u2028', '\u2029',
      '\u202a', '\u202e', '\u2066', '\u2069', '\ud800', '\udc00'})
  void printableText_replacesEveryControlWithAVisibleEscape(char c) {
    String cleaned = PrintableText.of("a" + c + "b");
    assertEquals("a\\u" + String.format("%04x", (int) c) + "b", cleaned);
    assertFalse(PrintableText.isPrintable("a" + c + "b"));
    assertTrue(PrintableText.isPrintable(cleaned));
  }

  @Test
  void printableText_keepsPrintableTextAndPairedSurrogates() {
    String text = "invalid_grant: Ünïcödé 中 \ud83d\ude00 \\ \" ~";
    assertSame(text, PrintableText.of(text));
    assertTrue(PrintableText.isPrintable(text));
    assertEquals("x\ud83d\ude00\\u001b", PrintableText.of("x\ud83d\ude00\u001b"));
  }

  @Test
  void printableText_ansiTitleAndClearScreen_becomeInert() {
    assertEquals("\\u001b]0;PWNED\\u0007\\u001b[2J",
        PrintableText.of("\u001b]0;PWNED\u0007\u001b[2J"));
  }

  @Test
  void printableText_bounded_cutsWithEllipsisAndNeverSplitsAPair() {
    assertEquals("abc\u2026", PrintableText.of("abcdef", 3));
    assertEquals("abcdef", PrintableText.of("abcdef", 6));
    assertEquals("a\u2026", PrintableText.of("a\ud83d\ude00z", 2));
    assertEquals("\\u001b\u2026", PrintableText.of("\u001bxyz", 1));
  }

  @Test
  void printableText_null_staysNull() {
    assertNull(PrintableText.of(null));
    assertNull(PrintableText.of(null, 10));
  }

  @Test
  void printableText_surrogatesAfterTheFirstControl_pairsKeptLoneOnesEscaped() {
    assertEquals("\\u001b\ud83d\ude00", PrintableText.of("\u001b\ud83d\ude00"));
    assertEquals("\\u001b\\ud800x", PrintableText.of("\u001b\ud800x"));
    assertEquals("\\u001b\\ud83d", PrintableText.of("\u001b\ud83d"));
    assertEquals("\\u001b\\ude00\\ud83d", PrintableText.of("\u001b\ude00\ud83d"));
    assertFalse(PrintableText.isPrintable("\ud83d"));
    assertFalse(PrintableText.isPrintable("\ud83d\ud83d"));
    assertTrue(PrintableText.isPrintable("\ud83d\ude00x"));
  }

  @Test
  void printableText_boundedAtAPairsStart_dropsTheWholePair() {
    assertEquals("\u2026", PrintableText.of("\ud83d\ude00", 1));
    assertEquals("\u2026", PrintableText.of("ab", 0));
  }
}
