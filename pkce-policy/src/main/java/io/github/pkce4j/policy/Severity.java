package io.github.pkce4j.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A control's severity with its CVSS v3.1 qualitative range (FIRST CVSS v3.1 specification §5).
 * The Salesforce Security Health Review rates each control with one of these.
 *
 * @since 0.1.0
 */
public enum Severity {
  /** CVSS 9.0–10.0. */
  CRITICAL("9.0", "10.0"),
  /** CVSS 7.0–8.9. */
  HIGH("7.0", "8.9"),
  /** CVSS 4.0–6.9. */
  MEDIUM("4.0", "6.9"),
  /** CVSS 0.1–3.9. */
  LOW("0.1", "3.9");

  private final BigDecimal min;
  private final BigDecimal max;

  Severity(String min, String max) {
    this.min = new BigDecimal(min);
    this.max = new BigDecimal(max);
  }

  /**
   * {@return the lowest CVSS score in this severity's range, e.g. {@code 9.0} for {@link
   * #CRITICAL}}
   */
  public double cvssMin() {
    return min.doubleValue();
  }

  /**
   * {@return the highest CVSS score in this severity's range, e.g. {@code 10.0} for {@link
   * #CRITICAL}}
   */
  public double cvssMax() {
    return max.doubleValue();
  }

  /**
   * Places a score in this range by client profile: the top for a public client, the bottom for a
   * confidential one, the middle (rounded half-up to one decimal) when the profile is unknown.
   *
   * @param profile the client profile
   * @return the placed score
   */
  public double place(ClientProfile profile) {
    switch (profile) {
      case PUBLIC:
        return max.doubleValue();
      case CONFIDENTIAL:
        return min.doubleValue();
      default:
        return min.add(max).divide(BigDecimal.valueOf(2), 1, RoundingMode.HALF_UP).doubleValue();
    }
  }

  /**
   * {@return true if this severity is at least as severe as {@code other}}
   *
   * @param other the severity to compare with
   */
  public boolean isAtLeast(Severity other) {
    return compareTo(other) <= 0;
  }

  /** {@return the lower-case name used in reports: {@code critical}, {@code high}, …} */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
