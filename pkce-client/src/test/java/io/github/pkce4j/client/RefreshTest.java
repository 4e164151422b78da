package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6749 section 6: refreshing an access token, rotation, and expiry at receipt (§5.1). */
class RefreshTest {
  private static final String TOKEN_URL = Fixtures.ISSUER + "/token";
  private final Fixtures.FixedClock clock = new Fixtures.FixedClock(1_700_000_000_000L);

  private PkceLoginFlow flow(ClientAuthentication auth) {
    return PkceLoginFlow.builder(Fixtures.metadata(false), "client-1")
        .clientAuthentication(auth).clock(clock).build();
  }

  private RefreshedTokens refresh(String answer) throws IOException {
    InMemoryTransport transport = new InMemoryTransport()
        .on(TOKEN_URL, Fixtures.response(200, "application/json", answer));
    return flow(ClientAuthentication.none()).refresh(RefreshRequest.of("old-rt"), transport);
  }

  @Test
  void refreshRequest_publicClient_sendsGrantTokenAndClientIdOnlyNoSecret() {
    TransportRequest r =
        flow(ClientAuthentication.none()).refreshRequest(RefreshRequest.of("rt-1"));
    assertEquals("POST", r.method());
    assertEquals(TOKEN_URL, r.url());
    assertEquals(Arrays.asList("grant_type", "refresh_token", "client_id"),
        Arrays.asList(Fixtures.form(r).keySet().toArray()));
    assertEquals(Collections.singletonList("refresh_token"),
        Fixtures.form(r).get("grant_type"));
    assertEquals(Collections.singletonList("rt-1"), Fixtures.form(r).get("refresh_token"));
    assertNull(r.headers().get("Authorization"));
  }

  @Test
  void refreshRequest_narrowerScope_isSent() {
    TransportRequest r = flow(ClientAuthentication.none())
        .refreshRequest(RefreshRequest.of("rt-1").withScope("read"));
    assertEquals(Collections.singletonList("read"), Fixtures.form(r).get("scope"));
  }

  @Test
  void refreshRequest_clientSecretBasic_authenticatesAsTheTokenRequestDoes() {
    TransportRequest r = flow(ClientAuthentication.clientSecretBasic("pw"))
        .refreshRequest(RefreshRequest.of("rt-1"));
    assertEquals("Basic Y2xpZW50LTE6cHc=", r.headers().get("Authorization"));
    assertFalse(Fixtures.form(r).containsKey("client_secret"));
  }

  @Test
  void refresh_rotatedToken_replacesTheOldOne() throws IOException {
    RefreshedTokens t = refresh("{\"access_token\":\"A2\",\"token_type\":\"Bearer\","
        + "\"refresh_token\":\"new-rt\"}");
    assertTrue(t.refreshTokenRotated());
    assertEquals("new-rt", t.refreshTokenToStore());
    assertEquals("A2", t.accessToken());
  }

  @Test
  void refresh_noRefreshTokenInAnswer_keepsTheOneSent() throws IOException {
    RefreshedTokens t = refresh("{\"access_token\":\"A2\",\"token_type\":\"Bearer\"}");
    assertFalse(t.refreshTokenRotated());
    assertEquals("old-rt", t.refreshTokenToStore());
    assertNull(t.tokens().refreshTokenOrNull());
  }

  @Test
  void refresh_sameRefreshTokenAgain_isNotRotation() throws IOException {
    RefreshedTokens t = refresh("{\"access_token\":\"A2\",\"token_type\":\"Bearer\","
        + "\"refresh_token\":\"old-rt\"}");
    assertFalse(t.refreshTokenRotated());
    assertEquals("old-rt", t.refreshTokenToStore());
  }

  @Test
  void refresh_invalidGrant_throwsOAuthError() {
    InMemoryTransport transport = new InMemoryTransport().on(TOKEN_URL,
        Fixtures.response(400, "application/json", "{\"error\":\"invalid_grant\"}"));
    OAuthErrorException e = assertThrows(OAuthErrorException.class,
        () -> flow(ClientAuthentication.none()).refresh(RefreshRequest.of("rt"), transport));
    assertEquals("invalid_grant", e.errorCode());
    assertEquals(400, e.httpStatus());
  }

  @Test
  void refresh_answerWithoutAccessToken_throwsInvalidResponse() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> refresh("{\"token_type\":\"Bearer\"}"));
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
  }

  @Test
  void toString_printsNoToken() throws IOException {
    RefreshedTokens t = refresh("{\"access_token\":\"SECRET-A\",\"token_type\":\"Bearer\","
        + "\"refresh_token\":\"SECRET-R\"}");
    assertFalse(t.toString().contains("SECRET"), t.toString());
    assertTrue(t.toString().contains("rotated=true"), t.toString());
    assertEquals("RefreshRequest[scope=read, refresh_token redacted]",
        RefreshRequest.of("SECRET-R").withScope("read").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a\nb", "tok\u00e9n", "a\u007fb"})
  void refreshRequestOf_outsideVschar_throwsWithoutQuotingIt(String token) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RefreshRequest.of(token));
    assertTrue(e.getMessage().contains("RFC 6749 Appendix A.17"), e.getMessage());
    if (!token.isEmpty()) {
      assertFalse(e.getMessage().contains(token), e.getMessage());
    }
  }

  @Test
  void refreshRequestOf_printableAsciiBoundaries_accepted() {
    assertEquals(" ~", RefreshRequest.of(" ~").refreshToken());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " read", "read ", "read  write"})
  void withScope_malformed_throws(String scope) {
    assertThrows(IllegalArgumentException.class,
        () -> RefreshRequest.of("rt").withScope(scope));
  }

  @Test
  void expiresAt_isReceiptTimePlusExpiresIn_fixedAtReceipt() throws IOException {
    RefreshedTokens t = refresh("{\"access_token\":\"A\",\"token_type\":\"Bearer\","
        + "\"expires_in\":3600}");
    clock.millis += 10_000;
    assertEquals(1_700_000_000_000L, t.tokens().receivedAtMillis());
    assertEquals(Long.valueOf(1_700_003_600_000L), t.tokens().expiresAtMillisOrNull());
    assertEquals(Long.valueOf(3600), t.tokens().expiresInOrNull());
  }

  @Test
  void expiresAt_withoutExpiresIn_isNull() throws IOException {
    assertNull(refresh("{\"access_token\":\"A\",\"token_type\":\"Bearer\"}").tokens()
        .expiresAtMillisOrNull());
  }

  @Test
  void exchange_tokenResponse_alsoGetsExpiresAtFromTheFlowClock() throws IOException {
    PkceLoginFlow flow = flow(ClientAuthentication.none());
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    InMemoryTransport transport = new InMemoryTransport().on(TOKEN_URL, Fixtures.response(200,
        "application/json", "{\"access_token\":\"A\",\"token_type\":\"Bearer\","
            + "\"expires_in\":60}"));
    TokenResponse t = flow.exchange(s,
        flow.parseRedirect(s, Fixtures.REDIRECT + "?code=c&state=" + s.state()), transport);
    assertEquals(Long.valueOf(1_700_000_060_000L), t.expiresAtMillisOrNull());
  }
}
