package io.github.pkce4j.policy;

import java.util.Locale;

/**
 * Whether an app behaves as a public client (no secret: native, desktop, single-page) or a
 * confidential one (a secret kept on a server), judged from the app's own metadata. PKCE matters
 * most for public clients (RFC 7636 §1, RFC 9700 §2.1.1), so the placed score follows it.
 *
 * @since 0.1.0
 */
public enum ClientProfile {
  /** Some setting shows the app can run without its secret, or redirects to a native app. */
  PUBLIC,
  /** The secret is required and nothing shows a public client. */
  CONFIDENTIAL,
  /** The metadata says neither: the fields that would tell are absent. */
  UNKNOWN;

  /**
   * {@return the lower-case name used in reports: {@code public}, {@code confidential}, {@code
   * unknown}}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
