package io.github.pkce4j.benchmarks;

import java.util.SplittableRandom;

/** Fixed, valid code verifiers for the benchmarks: same inputs for every library. */
final class Verifiers {
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  private Verifiers() {}

  /** A verifier of {@code length} unreserved characters (RFC 7636 §4.1), fixed by {@code seed}. */
  static String of(int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = UNRESERVED.charAt(random.nextInt(UNRESERVED.length()));
    }
    return new String(chars);
  }
}
