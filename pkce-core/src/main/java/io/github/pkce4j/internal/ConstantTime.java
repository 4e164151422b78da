package io.github.pkce4j.internal;

/** Comparisons whose running time does not depend on where two inputs first differ. */
public final class ConstantTime {
  private ConstantTime() {}

  /**
   * Compares two arrays in time that depends only on their lengths. Lengths are not secret here:
   * an S256 digest is always 32 bytes and a plain challenge's length is public.
   */
  public static boolean equals(byte[] a, byte[] b) {
    if (a.length != b.length) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < a.length; i++) {
      diff |= a[i] ^ b[i];
    }
    return diff == 0;
  }

  /** As {@link #equals(byte[], byte[])}, for strings such as OAuth {@code state} values. */
  public static boolean equals(CharSequence a, CharSequence b) {
    if (a.length() != b.length()) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < a.length(); i++) {
      diff |= a.charAt(i) ^ b.charAt(i);
    }
    return diff == 0;
  }
}
