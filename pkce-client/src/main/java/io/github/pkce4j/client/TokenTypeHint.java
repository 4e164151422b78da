package io.github.pkce4j.client;

/**
 * The {@code token_type_hint} of a revocation request (RFC 7009 section 2.1): which kind of token
 * is being revoked, so the server can look it up faster. A wrong hint does not stop the server
 * from finding the token (section 2.1 lets it search all its kinds).
 *
 * @since 0.1.0
 */
public enum TokenTypeHint {
  /** An access token (RFC 6749 section 1.4). */
  ACCESS_TOKEN("access_token"),
  /** A refresh token (RFC 6749 section 1.5); revoking one may revoke its access tokens too. */
  REFRESH_TOKEN("refresh_token");

  private final String parameterValue;

  TokenTypeHint(String parameterValue) {
    this.parameterValue = parameterValue;
  }

  /** The registered value sent on the wire (RFC 7009 section 4.1.2). */
  public String parameterValue() {
    return parameterValue;
  }
}
