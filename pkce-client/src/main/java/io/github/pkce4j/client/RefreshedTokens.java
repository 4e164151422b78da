package io.github.pkce4j.client;

/**
 * The answer to a refresh (RFC 6749 section 6): the new tokens, and the refresh token to keep.
 *
 * <p>Security: RFC 6749 section 6 lets the server issue a new refresh token ("rotation", which
 * RFC 9700 section 4.14.2 recommends for public clients), and then "the client MUST discard the
 * old refresh token and replace it with the new refresh token": the old one is dead, and a server
 * that detects its reuse may revoke the whole grant. So store {@link #refreshTokenToStore()}
 * after every refresh, replacing what you had; it is the rotated token when there is one, else the
 * one you sent. {@link #refreshTokenRotated()} says which. {@link #toString()} prints no token.
 *
 * @since 0.1.0
 */
public final class RefreshedTokens {
  private final TokenResponse tokens;
  private final String refreshTokenToStore;
  private final boolean rotated;

  private RefreshedTokens(TokenResponse tokens, String refreshTokenToStore, boolean rotated) {
    this.tokens = tokens;
    this.refreshTokenToStore = refreshTokenToStore;
    this.rotated = rotated;
  }

  static RefreshedTokens of(RefreshRequest request, TokenResponse tokens) {
    String issued = tokens.refreshTokenOrNull();
    boolean rotated = issued != null && !issued.equals(request.refreshToken());
    return new RefreshedTokens(tokens, issued != null ? issued : request.refreshToken(), rotated);
  }

  /** The whole token response (its {@code refresh_token} is {@code null} when not rotated). */
  public TokenResponse tokens() {
    return tokens;
  }

  /** The new {@code access_token}. Security: a bearer credential. */
  public String accessToken() {
    return tokens.accessToken();
  }

  /**
   * The refresh token to store now, replacing the old one: the server's new one if it rotated
   * it, else the one sent (RFC 6749 section 6). Security: a long-lived credential.
   */
  public String refreshTokenToStore() {
    return refreshTokenToStore;
  }

  /**
   * Whether the server issued a different refresh token; if so the one sent must be discarded
   * (RFC 6749 section 6).
   */
  public boolean refreshTokenRotated() {
    return rotated;
  }

  /** Whether the token was rotated, and the response's summary; never a token. */
  @Override
  public String toString() {
    return "RefreshedTokens[rotated=" + rotated + ", " + tokens + "]";
  }
}
