package io.github.pkce4j.client;

import io.github.pkce4j.PkceException;

/**
 * pkce4j refused a response from the authorization server or the browser: a {@code state} or
 * {@code iss} that does not match, a redirect without a code, a token response that is not valid
 * JSON or lacks a required member. {@link #errorCode()} is one of the constants below.
 *
 * <p>Security: do not retry with the same {@link AuthorizationSession}; a mismatched state may be
 * a cross-site request forgery or mix-up attack (RFC 9700 §4.7, §4.4). Start over.
 *
 * @since 0.1.0
 */
public final class ResponseRejectedException extends PkceException {
  private static final long serialVersionUID = 1L;

  /** The redirect's {@code state} is missing or differs from the session's (RFC 6749 §10.12). */
  public static final String STATE_MISMATCH = "state_mismatch";
  /** The redirect's {@code iss} is missing or differs from the expected issuer (RFC 9207 §2.4). */
  public static final String ISSUER_MISMATCH = "issuer_mismatch";
  /**
   * The ID token failed a check of OpenID Connect Core 1.0 section 3.1.3.7 ({@code iss}, {@code
   * aud}, {@code azp}, {@code exp}, {@code iat}, {@code nonce}, {@code auth_time}) or is
   * malformed; no tokens are returned.
   */
  public static final String INVALID_ID_TOKEN = "invalid_id_token";
  /** A response is malformed: bad JSON, a missing or mistyped member, an unexpected status. */
  public static final String INVALID_RESPONSE = "invalid_response";
  /**
   * DPoP was required but the token endpoint issued a token of another type, e.g. {@code Bearer}
   * (RFC 9449 section 5).
   */
  public static final String TOKEN_NOT_BOUND = "token_not_bound";

  ResponseRejectedException(String errorCode, String description) {
    super(errorCode, description);
  }

  ResponseRejectedException(String errorCode, String description, Throwable cause) {
    super(errorCode, description, cause);
  }
}
