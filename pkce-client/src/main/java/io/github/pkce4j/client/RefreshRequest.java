package io.github.pkce4j.client;

import java.util.Objects;

/**
 * A refresh of the access token (RFC 6749 section 6): the refresh token and, optionally, a
 * narrower {@code scope}. Immutable; pass it to {@link PkceLoginFlow#refresh}.
 *
 * <p>Security: the refresh token is a long-lived credential. {@link #toString()} prints no token.
 *
 * @since 0.1.0
 */
public final class RefreshRequest {
  private final String refreshToken;
  private final String scope;

  private RefreshRequest(String refreshToken, String scope) {
    this.refreshToken = refreshToken;
    this.scope = scope;
  }

  /**
   * A refresh with {@code refreshToken}, asking for the scope originally granted.
   *
   * @throws IllegalArgumentException if the token is empty or has a character outside VSCHAR
   *     (RFC 6749 Appendix A.17); the message never quotes it
   */
  public static RefreshRequest of(String refreshToken) {
    Objects.requireNonNull(refreshToken, "refreshToken");
    if (refreshToken.isEmpty()) {
      throw new IllegalArgumentException("refresh token is empty; RFC 6749 Appendix A.17"
          + " requires one or more characters");
    }
    for (int i = 0; i < refreshToken.length(); i++) {
      char c = refreshToken.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("refresh token has a character outside VSCHAR at"
            + " index " + i + " (RFC 6749 Appendix A.17)");
      }
    }
    return new RefreshRequest(refreshToken, null);
  }

  /**
   * A copy asking for {@code scope}, which must not be wider than the scope originally granted
   * (RFC 6749 section 6); the server may refuse with {@code invalid_scope}.
   *
   * @throws IllegalArgumentException if it is not non-empty tokens separated by single spaces
   *     (RFC 6749 section 3.3)
   */
  public RefreshRequest withScope(String scope) {
    PkceLoginFlow.checkScope(Objects.requireNonNull(scope, "scope"));
    return new RefreshRequest(refreshToken, scope);
  }

  /** The refresh token sent. Security: a long-lived credential. */
  public String refreshToken() {
    return refreshToken;
  }

  /** The {@code scope} asked for, or {@code null} for the scope originally granted. */
  public String scopeOrNull() {
    return scope;
  }

  /** The scope; never the token. */
  @Override
  public String toString() {
    return "RefreshRequest[scope=" + scope + ", refresh_token redacted]";
  }
}
