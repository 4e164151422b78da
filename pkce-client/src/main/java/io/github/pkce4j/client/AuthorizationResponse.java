package io.github.pkce4j.client;

/**
 * A successful authorization response (RFC 6749 §4.1.2) whose {@code state} and {@code iss} have
 * been checked: what {@link PkceLoginFlow#parseRedirect} returns and {@link PkceLoginFlow#exchange}
 * takes.
 *
 * <p>Security: the code is single-use and short-lived, but together with the verifier it is a
 * credential; {@link #toString()} does not print it.
 *
 * @since 0.1.0
 */
public final class AuthorizationResponse {
  private final String code;
  private final String issuer;

  AuthorizationResponse(String code, String issuer) {
    this.code = code;
    this.issuer = issuer;
  }

  /** The authorization {@code code}. */
  public String code() {
    return code;
  }

  /** The {@code iss} parameter (RFC 9207), already checked, or {@code null} if not sent. */
  public String issuerOrNull() {
    return issuer;
  }

  @Override
  public String toString() {
    return "AuthorizationResponse[code=redacted" + (issuer == null ? "" : ", iss=" + issuer) + "]";
  }
}
