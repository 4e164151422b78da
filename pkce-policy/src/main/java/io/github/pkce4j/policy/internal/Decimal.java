package io.github.pkce4j.policy.internal;

import java.math.BigDecimal;

/** The one way a score or CVSS bound is written, in every report format. */
final class Decimal {
  private Decimal() {}

  /**
   * {@code d} as the shortest plain decimal that reads back as {@code d} ({@code 9.0}, {@code
   * 7.5}), never in exponent notation, so that text, JSON and SARIF print the same digits.
   */
  static String of(double d) {
    return BigDecimal.valueOf(d).toPlainString();
  }
}
