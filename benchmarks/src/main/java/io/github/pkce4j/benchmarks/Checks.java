package io.github.pkce4j.benchmarks;

/**
 * Setup-time checks that every benchmarked way computes the same thing, so a fast wrong answer
 * cannot win. A failure stops the run before any measurement.
 */
final class Checks {
  private Checks() {}

  static void sameChallenge(String verifier, String expected, String... others) {
    if (expected.length() != 43) {
      throw new IllegalStateException("pkce4j challenge has " + expected.length() + " chars");
    }
    for (int i = 0; i < others.length; i++) {
      if (!expected.equals(others[i])) {
        throw new IllegalStateException("implementation #" + i + " disagrees on the S256 challenge"
            + " of a " + verifier.length() + "-char verifier");
      }
    }
  }

  static void isTrue(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("setup check failed: " + what);
    }
  }
}
