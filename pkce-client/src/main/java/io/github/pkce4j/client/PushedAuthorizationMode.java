package io.github.pkce4j.client;

/**
 * Whether {@link PkceLoginFlow} pushes its authorization request to the server first (RFC 9126)
 * and sends the browser only a {@code request_uri}. Set with {@link
 * PkceLoginFlow.Builder#pushedAuthorization(PushedAuthorizationMode)}; without it the flow pushes
 * exactly when the metadata says {@code require_pushed_authorization_requests: true}.
 *
 * <p>Pushing keeps the request's parameters (the PKCE challenge, {@code state}, {@code nonce},
 * scope, redirect URI) out of the browser's URL and history, and lets the server check them, with
 * the client's authentication, before the user sees a login page (RFC 9126 section 1).
 *
 * @since 0.1.0
 */
public enum PushedAuthorizationMode {
  /**
   * Never push; the authorization URL carries every parameter. {@link
   * PkceLoginFlow.Builder#build()} refuses this mode when the server requires pushed requests.
   */
  OFF,
  /** Push when the metadata has a {@code pushed_authorization_request_endpoint}, else do not. */
  WHEN_OFFERED,
  /**
   * Always push; {@link PkceLoginFlow.Builder#build()} refuses metadata without a {@code
   * pushed_authorization_request_endpoint}.
   */
  REQUIRED
}
