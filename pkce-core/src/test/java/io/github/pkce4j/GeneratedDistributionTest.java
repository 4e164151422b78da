package io.github.pkce4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Generated verifiers use every base64url character equally often: a chi-squared test over many
 * verifiers from the default {@code SecureRandom}.
 */
class GeneratedDistributionTest {
  @Test
  void generate_charactersAreUniform_chiSquared() {
    int verifiers = 20_000;
    long[] counts = new long[128];
    long total = 0;
    for (int i = 0; i < verifiers; i++) {
      String v = CodeVerifier.generate().value();
      // The last of 43 characters carries only 4 random bits (256 = 42 * 6 + 4), so it takes only
      // 16 values by design; count the 42 full characters.
      for (int j = 0; j < 42; j++) {
        counts[v.charAt(j)]++;
        total++;
      }
    }
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    double expected = total / 64.0;
    double chiSquared = 0;
    for (int i = 0; i < alphabet.length(); i++) {
      double d = counts[alphabet.charAt(i)] - expected;
      chiSquared += d * d / expected;
    }
    long outside = total;
    for (int i = 0; i < alphabet.length(); i++) {
      outside -= counts[alphabet.charAt(i)];
    }
    assertTrue(outside == 0, outside + " characters outside the base64url alphabet");
    // 63 degrees of freedom: the 1e-6 upper tail of chi-squared(63) is about 131.7
    // (Wilson-Hilferty), so a correct generator fails this about once in a million runs, whatever
    // the seed. A character drawn 10% too often (1,312 extra of 13,125 expected) adds about 131
    // on its own, and an alphabet missing a character adds over 13,000.
    assertTrue(chiSquared < 131.7, "chi-squared " + chiSquared + " exceeds the 1e-6 critical value");
  }
}
