package io.github.pkce4j.policy;

import java.util.Locale;

/**
 * The verdict of one control on one app.
 *
 * @since 0.1.0
 */
public enum Status {
  /** The app requires PKCE, itself or through the org-wide setting. */
  PASS,
  /** The app does not require PKCE. */
  FAIL,
  /**
   * The metadata needed to decide is not in the input (for example an External Client App without
   * its global OAuth settings file). Never read as a pass.
   */
  NOT_EVALUABLE,
  /** The control does not apply: the app has no OAuth settings, or its OAuth plugin is off. */
  NOT_APPLICABLE;

  /** {@return the name used in reports: {@code pass}, {@code fail}, {@code not_evaluable}, …} */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
