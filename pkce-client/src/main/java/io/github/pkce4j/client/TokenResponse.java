package io.github.pkce4j.client;

import java.util.Locale;
import java.util.Map;

/**
 * A successful token response (RFC 6749 §5.1), parsed strictly and kept whole: members pkce4j does
 * not model, such as Salesforce's {@code instance_url}, {@code id}, {@code issued_at} and {@code
 * signature}, are in {@link #members()} and in the original {@link #json()}.
 *
 * <p>Security: tokens are bearer credentials. {@link #toString()} prints no token; store them as
 * a password would be stored (Android Keystore-backed storage, the OS keychain), never in logs.
 *
 * @since 0.1.0
 */
public final class TokenResponse {
  private static final String WHAT = "token response";

  private final String json;
  private final Map<String, Object> members;
  private final String accessToken;
  private final String tokenType;
  private final Long expiresIn;
  private final String refreshToken;
  private final String scope;
  private final String idToken;
  private final long receivedAtMillis;
  private final IdTokenClaims idTokenClaims;

  private TokenResponse(String json, Map<String, Object> members, long receivedAtMillis,
      IdTokenClaims idTokenClaims) {
    this.json = json;
    this.members = members;
    this.receivedAtMillis = receivedAtMillis;
    this.idTokenClaims = idTokenClaims;
    this.accessToken = JsonMembers.requiredString(members, "access_token", WHAT, "RFC 6749 §5.1");
    this.tokenType = JsonMembers.requiredString(members, "token_type", WHAT, "RFC 6749 §5.1");
    Object expires = members.get("expires_in");
    if (expires != null && !(expires instanceof Long && (Long) expires >= 0)) {
      throw JsonMembers.mistyped("expires_in", "a non-negative integer (RFC 6749 §5.1)", WHAT);
    }
    this.expiresIn = (Long) expires;
    this.refreshToken = JsonMembers.stringOrNull(members, "refresh_token", WHAT);
    this.scope = JsonMembers.stringOrNull(members, "scope", WHAT);
    this.idToken = JsonMembers.stringOrNull(members, "id_token", WHAT);
  }

  /**
   * Parses the members of a 2xx token endpoint answer received at {@code receivedAtMillis}; the
   * flow calls this, with the ID token's claims once it has checked them.
   */
  static TokenResponse of(String json, Map<String, Object> members, long receivedAtMillis,
      IdTokenClaims idTokenClaims) {
    return new TokenResponse(json, members, receivedAtMillis, idTokenClaims);
  }

  /** The {@code id_token} member, before the flow checks it; the flow calls this. */
  static String idTokenMemberOrNull(Map<String, Object> members) {
    return JsonMembers.stringOrNull(members, "id_token", WHAT);
  }

  /** The {@code access_token}. Security: a bearer credential. */
  public String accessToken() {
    return accessToken;
  }

  /** The {@code token_type} as sent, e.g. {@code Bearer}; compare case-insensitively (§7.1). */
  public String tokenType() {
    return tokenType;
  }

  /** Whether {@code token_type} is {@code Bearer}, compared case-insensitively (RFC 6750 §4). */
  public boolean isBearer() {
    return tokenType.toLowerCase(Locale.ROOT).equals("bearer");
  }

  /** {@code expires_in} in seconds, or {@code null} if the server did not say. */
  public Long expiresInOrNull() {
    return expiresIn;
  }

  /**
   * When the answer was read, in milliseconds since the epoch, from the flow's {@link
   * EpochClock}.
   */
  public long receivedAtMillis() {
    return receivedAtMillis;
  }

  /**
   * When the access token expires, in milliseconds since the epoch: the time the answer was read
   * plus {@code expires_in} (RFC 6749 §5.1: "the lifetime in seconds of the access token"),
   * computed once at receipt so it does not drift however late it is asked; {@code null} if the
   * server sent no {@code expires_in}. It errs on the early side: the server started the
   * lifetime before the answer travelled. Refresh ({@link PkceLoginFlow#refresh}) a little before
   * it.
   */
  public Long expiresAtMillisOrNull() {
    return expiresIn == null ? null : receivedAtMillis + expiresIn * 1000L;
  }

  /** The {@code refresh_token}, or {@code null}. Security: a long-lived credential. */
  public String refreshTokenOrNull() {
    return refreshToken;
  }

  /** The granted {@code scope}, or {@code null} if the server granted what was asked (§5.1). */
  public String scopeOrNull() {
    return scope;
  }

  /**
   * The OpenID Connect {@code id_token} as sent, or {@code null}. When the flow's scope has
   * {@code openid} its claims were checked: see {@link #idTokenClaimsOrNull()}.
   */
  public String idTokenOrNull() {
    return idToken;
  }

  /**
   * The ID token's claims as checked by the flow (OpenID Connect Core 1.0 section 3.1.3.7), or
   * {@code null} when the flow did not ask for {@code openid} (then the ID token, if any, was not
   * checked) or a refresh answer carried no ID token. Its signature was not verified: see {@link
   * IdTokenClaims}.
   */
  public IdTokenClaims idTokenClaimsOrNull() {
    return idTokenClaims;
  }

  /**
   * A string member by name, including ones pkce4j does not model (e.g. Salesforce's {@code
   * instance_url}); {@code null} if absent.
   *
   * @throws ResponseRejectedException if the member is present but not a string
   */
  public String stringOrNull(String name) {
    return JsonMembers.stringOrNull(members, name, WHAT);
  }

  /**
   * Every member, in the server's order. Values are {@code String}, {@code Boolean}, {@code
   * Long}, {@code BigDecimal}, {@code List}, {@code Map} or {@code null}. Unmodifiable.
   */
  public Map<String, Object> members() {
    return members;
  }

  /** The response body exactly as the server sent it. Security: contains the tokens. */
  public String json() {
    return json;
  }

  /** Token type, lifetime and member names; never a token. */
  @Override
  public String toString() {
    return "TokenResponse[token_type=" + tokenType + ", expires_in=" + expiresIn
        + ", members=" + members.keySet() + "]";
  }
}
