package io.github.pkce4j.client;

import io.github.pkce4j.internal.PrintableText;
import java.util.List;
import java.util.Map;

/**
 * The claims of an OpenID Connect ID token that {@link PkceLoginFlow} has checked (OpenID Connect
 * Core 1.0 section 3.1.3.7): {@code iss} equals the issuer, {@code aud} contains the client id
 * ({@code azp} equals it when present, and is present when there are several audiences), {@code
 * exp} is in the future and {@code iat} not in the future, each within the flow's clock skew,
 * and {@code nonce} equals the session's when the session sent one; with a {@code max_age}
 * authorization parameter, {@code auth_time} is no older than it (item 13).
 *
 * <p>Security: <b>the ID token's signature was NOT verified.</b> pkce4j reads the JWT payload
 * without checking the JWS signature and has no keys (no JWKS fetch). Section 3.1.3.7 item 6
 * allows exactly this for the authorization code flow: the ID token was received directly from
 * the token endpoint, over TLS, in answer to the client's own request, so "the TLS server
 * validation MAY be used to validate the issuer in place of checking the token signature". That
 * argument holds only because the token endpoint is reached over https with the platform's
 * certificate checks (an http token endpoint is accepted only on a loopback IP literal, for
 * tests); and it holds only for this token as received in this response. Do not hand the ID
 * token to another party (a backend, another app) as proof of the user's identity: whoever
 * receives it from you did not get it over that TLS connection and must verify its signature
 * with the server's keys (section 3.1.3.7 item 6 does not apply to them).
 *
 * <p>Values are as the server sent them; {@link #members()} has every claim, including ones
 * pkce4j does not model ({@code email}, {@code name}, ...). Immutable.
 *
 * @since 0.1.0
 */
public final class IdTokenClaims {
  private final Map<String, Object> members;
  private final String issuer;
  private final String subject;
  private final List<String> audience;
  private final long expiresAt;
  private final long issuedAt;
  private final Long authTime;
  private final String nonce;
  private final String authorizedParty;

  IdTokenClaims(Map<String, Object> members, String issuer, String subject,
      List<String> audience, long expiresAt, long issuedAt, Long authTime, String nonce,
      String authorizedParty) {
    this.members = members;
    this.issuer = issuer;
    this.subject = subject;
    this.audience = audience;
    this.expiresAt = expiresAt;
    this.issuedAt = issuedAt;
    this.authTime = authTime;
    this.nonce = nonce;
    this.authorizedParty = authorizedParty;
  }

  /** {@code iss}: equal to the flow's issuer (section 3.1.3.7 item 2). */
  public String issuer() {
    return issuer;
  }

  /** {@code sub}: the user's identifier at the issuer (section 2); unique per issuer. */
  public String subject() {
    return subject;
  }

  /** {@code aud}: the audiences, one or more, containing the client id. Unmodifiable. */
  public List<String> audience() {
    return audience;
  }

  /** {@code exp}, in seconds since the epoch (RFC 7519 section 4.1.4). */
  public long expiresAtEpochSeconds() {
    return expiresAt;
  }

  /** {@code iat}, in seconds since the epoch (RFC 7519 section 4.1.6). */
  public long issuedAtEpochSeconds() {
    return issuedAt;
  }

  /** {@code auth_time}, in seconds since the epoch, or {@code null} if absent (section 2). */
  public Long authTimeEpochSecondsOrNull() {
    return authTime;
  }

  /** {@code nonce} as sent, or {@code null}; equal to the session's when it sent one. */
  public String nonceOrNull() {
    return nonce;
  }

  /** {@code azp}, or {@code null}; equal to the client id when present (item 5). */
  public String authorizedPartyOrNull() {
    return authorizedParty;
  }

  /**
   * A string claim by name (e.g. {@code email}), or {@code null} if absent.
   *
   * @throws ResponseRejectedException if the claim is present but not a string
   */
  public String stringOrNull(String name) {
    return JsonMembers.stringOrNull(members, name, "ID token");
  }

  /**
   * Every claim, in the server's order. Values are {@code String}, {@code Boolean}, {@code Long},
   * {@code BigDecimal}, {@code List}, {@code Map} or {@code null}. Unmodifiable.
   */
  public Map<String, Object> members() {
    return members;
  }

  /** Issuer, audience, times and claim names; no subject or nonce. */
  @Override
  public String toString() {
    // The audience and the claim names come from the network: printable, as in every message.
    return "IdTokenClaims[iss=" + issuer + ", aud=" + PrintableText.of(String.valueOf(audience))
        + ", exp=" + expiresAt + ", iat=" + issuedAt + ", claims="
        + PrintableText.of(String.valueOf(members.keySet())) + ", signature not verified]";
  }
}
