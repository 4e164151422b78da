package io.github.pkce4j.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConstantTimeTest {
  @Test
  void bytes_equalOnlyWhenEveryByteEqual() {
    byte[] a = {1, 2, 3, 4};
    assertTrue(ConstantTime.equals(a, new byte[] {1, 2, 3, 4}));
    assertTrue(ConstantTime.equals(new byte[0], new byte[0]));
    for (int i = 0; i < a.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] b = a.clone();
        b[i] ^= (byte) (1 << bit);
        assertFalse(ConstantTime.equals(a, b), "byte " + i + " bit " + bit);
      }
    }
    assertFalse(ConstantTime.equals(a, new byte[] {1, 2, 3}));
    assertFalse(ConstantTime.equals(a, new byte[] {1, 2, 3, 4, 5}));
  }

  @Test
  void chars_equalOnlyWhenEveryCharEqual() {
    assertTrue(ConstantTime.equals("state-value", new StringBuilder("state-value")));
    assertTrue(ConstantTime.equals("", ""));
    assertFalse(ConstantTime.equals("state-value", "state-valuf"));
    assertFalse(ConstantTime.equals("state-value", "Xtate-value"));
    assertFalse(ConstantTime.equals("state", "state-value"));
    assertFalse(ConstantTime.equals("\u0100", "\u0000"), "high byte of a char counts");
  }
}
