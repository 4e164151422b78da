package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.internal.UrlEncoding;
import io.github.pkce4j.internal.Base64Url;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OpenID Connect Core 1.0 section 3.1.3.7: the ID token's claims, checked without signature. */
class OpenIdConnectIdTokenTest {
  private static final String TOKEN_URL = Fixtures.ISSUER + "/token";
  private static final long NOW = 1_700_000_000L;
  private final Fixtures.FixedClock clock = new Fixtures.FixedClock(NOW * 1000);

  private PkceLoginFlow.Builder builder() {
    return PkceLoginFlow.builder(Fixtures.metadata(false), "client-1").scope("openid profile")
        .clock(clock);
  }

  /** Claims with the session's nonce, valid at NOW; {@code extra} is appended to the object. */
  private static String claims(AuthorizationSession s, String extra) {
    return "{\"iss\":\"" + Fixtures.ISSUER + "\",\"sub\":\"user-7\",\"aud\":\"client-1\","
        + "\"exp\":" + (NOW + 300) + ",\"iat\":" + (NOW - 10) + ",\"nonce\":\""
        + s.nonceOrNull() + "\"" + extra + "}";
  }

  private static TransportResponse answer(String idToken) {
    return Fixtures.response(200, "application/json", "{\"access_token\":\"A\","
        + "\"token_type\":\"Bearer\"" + (idToken == null ? "" : ",\"id_token\":\"" + idToken
        + "\"") + "}");
  }

  private TokenResponse exchange(PkceLoginFlow flow, AuthorizationSession s, String idToken)
      throws IOException {
    InMemoryTransport transport = new InMemoryTransport().on(TOKEN_URL, answer(idToken));
    return flow.exchange(s,
        flow.parseRedirect(s, Fixtures.REDIRECT + "?code=c&state=" + s.state()), transport);
  }

  /** The exchange with a payload made from the session; expects the ID token to be refused. */
  private ResponseRejectedException refused(PkceLoginFlow flow, PayloadOf payload) {
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    String idToken = Fixtures.jwt(payload.of(s));
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchange(flow, s, idToken));
    assertEquals(ResponseRejectedException.INVALID_ID_TOKEN, e.errorCode());
    assertFalse(e.getMessage().contains(idToken), "the message quotes the token");
    return e;
  }

  private ResponseRejectedException refused(PayloadOf payload) {
    return refused(builder().build(), payload);
  }

  interface PayloadOf {
    String of(AuthorizationSession s);
  }

  @Test
  void toString_audienceAndClaimNamesFromTheNetwork_madePrintable() throws IOException {
    PkceLoginFlow flow = builder().build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    String payload = claims(s, ",\"\\u202Egnp.exe\":1").replace("\"aud\":\"client-1\"",
        "\"aud\":[\"client-1\",\"\\u001b[2J\"],\"azp\":\"client-1\"");
    IdTokenClaims c = exchange(flow, s, Fixtures.jwt(payload)).idTokenClaimsOrNull();

    assertEquals(Arrays.asList("client-1", "\u001b[2J"), c.audience());
    String text = c.toString();
    assertFalse(text.contains("\u001b"), text);
    assertFalse(text.contains("\u202E"), text);
    assertTrue(text.contains("\\u001b[2J") && text.contains("\\u202egnp.exe"), text);
  }

  @Test
  void valid_claimsExposedAndTokensReturned() throws IOException {
    PkceLoginFlow flow = builder().build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    TokenResponse t = exchange(flow, s, Fixtures.jwt(claims(s,
        ",\"auth_time\":" + (NOW - 20) + ",\"email\":\"u@example.com\"")));
    IdTokenClaims c = t.idTokenClaimsOrNull();
    assertEquals(Fixtures.ISSUER, c.issuer());
    assertEquals("user-7", c.subject());
    assertEquals(Arrays.asList("client-1"), c.audience());
    assertEquals(NOW + 300, c.expiresAtEpochSeconds());
    assertEquals(NOW - 10, c.issuedAtEpochSeconds());
    assertEquals(Long.valueOf(NOW - 20), c.authTimeEpochSecondsOrNull());
    assertEquals(s.nonceOrNull(), c.nonceOrNull());
    assertNull(c.authorizedPartyOrNull());
    assertEquals("u@example.com", c.stringOrNull("email"));
    assertTrue(c.members().containsKey("email"));
    assertEquals("A", t.accessToken());
    assertTrue(c.toString().contains("signature not verified"), c.toString());
    assertFalse(c.toString().contains("user-7"), c.toString());
    assertFalse(c.toString().contains(s.nonceOrNull()), c.toString());
  }

  @Test
  void issuerDiffers_refused() {
    ResponseRejectedException e = refused(s -> claims(s, "").replace(Fixtures.ISSUER,
        "https://evil.example"));
    assertTrue(e.getMessage().contains("iss https://evil.example differs from the issuer"
        + " https://as.example.com (item 2)"), e.getMessage());
  }

  @Test
  void audienceWithoutClientId_refused() {
    ResponseRejectedException e = refused(s -> claims(s, "").replace("\"aud\":\"client-1\"",
        "\"aud\":\"other-client\""));
    assertTrue(e.getMessage().contains("item 3"), e.getMessage());
  }

  @Test
  void severalAudiencesWithoutAzp_refused() {
    ResponseRejectedException e = refused(s -> claims(s, "").replace("\"aud\":\"client-1\"",
        "\"aud\":[\"client-1\",\"api\"]"));
    assertTrue(e.getMessage().contains("2 audiences and no azp (item 4)"), e.getMessage());
  }

  @Test
  void severalAudiencesWithAzp_accepted() throws IOException {
    PkceLoginFlow flow = builder().build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    IdTokenClaims c = exchange(flow, s, Fixtures.jwt(claims(s, ",\"azp\":\"client-1\"")
        .replace("\"aud\":\"client-1\"", "\"aud\":[\"api\",\"client-1\"]")))
        .idTokenClaimsOrNull();
    assertEquals(Arrays.asList("api", "client-1"), c.audience());
    assertEquals("client-1", c.authorizedPartyOrNull());
  }

  @Test
  void azpOfAnotherClient_refused() {
    ResponseRejectedException e = refused(s -> claims(s, ",\"azp\":\"other\""));
    assertTrue(e.getMessage().contains("item 5"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"aud\":[]", "\"aud\":17", "\"aud\":[\"client-1\",3]"})
  void audienceMalformed_refused(String aud) {
    refused(s -> claims(s, "").replace("\"aud\":\"client-1\"", aud));
  }

  @Test
  void expired_refused() {
    ResponseRejectedException e = refused(s -> claims(s, "").replace("\"exp\":" + (NOW + 300),
        "\"exp\":" + (NOW - 61)));
    assertTrue(e.getMessage().contains("expired at exp=" + (NOW - 61) + ", 61 s ago"),
        e.getMessage());
  }

  @Test
  void expiredWithinSkew_accepted() throws IOException {
    PkceLoginFlow flow = builder().build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    exchange(flow, s, Fixtures.jwt(claims(s, "").replace("\"exp\":" + (NOW + 300),
        "\"exp\":" + (NOW - 59))));
  }

  @Test
  void expiryAtExactlySkew_refused() {
    refused(s -> claims(s, "").replace("\"exp\":" + (NOW + 300), "\"exp\":" + (NOW - 60)));
  }

  @Test
  void zeroSkew_expiryNow_refused() {
    refused(builder().clockSkewSeconds(0).build(),
        s -> claims(s, "").replace("\"exp\":" + (NOW + 300), "\"exp\":" + NOW));
  }

  @Test
  void issuedInTheFutureBeyondSkew_refused() {
    ResponseRejectedException e = refused(s -> claims(s, "").replace("\"iat\":" + (NOW - 10),
        "\"iat\":" + (NOW + 61)));
    assertTrue(e.getMessage().contains("61 s in the future"), e.getMessage());
  }

  @Test
  void issuedInTheFutureWithinSkew_accepted() throws IOException {
    PkceLoginFlow flow = builder().build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    exchange(flow, s, Fixtures.jwt(claims(s, "").replace("\"iat\":" + (NOW - 10),
        "\"iat\":" + (NOW + 60))));
  }

  @Test
  void fractionalNumericDates_accepted() throws IOException {
    PkceLoginFlow flow = builder().build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    IdTokenClaims c = exchange(flow, s, Fixtures.jwt(claims(s, "")
        .replace("\"iat\":" + (NOW - 10), "\"iat\":" + (NOW - 10) + ".5")))
        .idTokenClaimsOrNull();
    assertEquals(NOW - 10, c.issuedAtEpochSeconds());
  }

  @ParameterizedTest
  @ValueSource(strings = {"exp", "iat"})
  void timeClaimMissingOrMistyped_refused(String name) {
    refused(s -> claims(s, "").replaceAll("\"" + name + "\":[0-9]+", "\"" + name + "\":\"1\""));
    refused(s -> claims(s, "").replaceAll(",\"" + name + "\":[0-9]+", ""));
    refused(s -> claims(s, "").replaceAll("\"" + name + "\":[0-9]+", "\"" + name + "\":-1"));
  }

  @Test
  void nonceDiffers_refused() {
    ResponseRejectedException e = refused(s -> claims(s, "").replace(s.nonceOrNull(),
        "injected-nonce"));
    assertTrue(e.getMessage().contains("nonce differs from the one this session sent (item 11"),
        e.getMessage());
  }

  @Test
  void nonceMissing_refused() {
    refused(s -> claims(s, "").replace(",\"nonce\":\"" + s.nonceOrNull() + "\"", ""));
  }

  @Test
  void noNonceSent_nonceNotChecked() throws IOException {
    PkceLoginFlow flow = builder().sendNonce(false).build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    assertNull(s.nonceOrNull());
    exchange(flow, s, Fixtures.jwt(claims(s, "").replace("\"nonce\":\"null\"",
        "\"nonce\":\"anything\"")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"iss", "sub"})
  void requiredStringMissing_refused(String name) {
    refused(s -> claims(s, "").replaceAll("\"" + name + "\":\"[^\"]*\",", ""));
  }

  @Test
  void maxAgeExceeded_refused() {
    ResponseRejectedException e = refused(builder().authorizationParameter("max_age", "100")
        .build(), s -> claims(s, ",\"auth_time\":" + (NOW - 161)));
    assertTrue(e.getMessage().contains("161 s ago, more than max_age=100"), e.getMessage());
  }

  @Test
  void maxAgeWithoutAuthTime_refused() {
    refused(builder().authorizationParameter("max_age", "100").build(), s -> claims(s, ""));
  }

  @Test
  void maxAgeWithinSkew_accepted() throws IOException {
    PkceLoginFlow flow = builder().authorizationParameter("max_age", "100").build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    exchange(flow, s, Fixtures.jwt(claims(s, ",\"auth_time\":" + (NOW - 160))));
  }

  @Test
  void noIdTokenAlthoughOpenid_refused() {
    PkceLoginFlow flow = builder().build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchange(flow, s, null));
    assertEquals(ResponseRejectedException.INVALID_ID_TOKEN, e.errorCode());
    assertTrue(e.getMessage().contains("section 3.1.3.3"), e.getMessage());
  }

  @Test
  void withoutOpenid_idTokenNotChecked() throws IOException {
    PkceLoginFlow flow = PkceLoginFlow.builder(Fixtures.metadata(false), "client-1")
        .scope("api").build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    TokenResponse t = exchange(flow, s, "not.a.jwt");
    assertNull(t.idTokenClaimsOrNull());
    assertEquals("not.a.jwt", t.idTokenOrNull());
  }

  @Test
  void sessionlessTokenResponse_withOpenid_throwsIllegalState() {
    PkceLoginFlow flow = builder().build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> flow.tokenResponse(answer(null)));
    assertTrue(e.getMessage().contains("tokenResponse(session, response)"), e.getMessage());
  }

  @Test
  void encryptedIdToken_refused() {
    PkceLoginFlow flow = builder().build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchange(flow, s, "aGVhZA.a2V5.aXY.Y2lwaGVy.dGFn"));
    assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
  }

  @Test
  void headerWithEnc_refused() {
    PkceLoginFlow flow = builder().build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    String header = Base64Url.encode(UrlEncoding.utf8("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}"));
    String token = header + "." + Fixtures.jwt(claims(s, "")).split("\\.")[1] + ".";
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchange(flow, s, token));
    assertTrue(e.getMessage().contains("its header has enc"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.b", "a.b.c.d", "....", "e30.e30.e30.e30.e30.e30", "!!.e30.",
      "e30.!!.", "e30.e30.!!", "e30.e30.", ".e30.", "eyJhbGciOiJub25lIn0.W10.",
      "eyJhbGciOiJub25lIn0.e30=.", "eyJhbGciOiJub25lIn0.gA."})
  void malformedJws_refused(String token) {
    PkceLoginFlow flow = builder().build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchange(flow, s, token));
    assertEquals(ResponseRejectedException.INVALID_ID_TOKEN, e.errorCode());
  }

  @Test
  void algNoneOverTls_acceptedPerItem6() throws IOException {
    PkceLoginFlow flow = builder().build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    String token = Base64Url.encode(UrlEncoding.utf8("{\"alg\":\"none\"}")) + "."
        + Fixtures.jwt(claims(s, "")).split("\\.")[1] + ".";
    assertEquals("user-7", exchange(flow, s, token).idTokenClaimsOrNull().subject());
  }

  @Test
  void oversizedIdToken_refusedBeforeDecoding() {
    PkceLoginFlow flow = builder().build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    StringBuilder big = new StringBuilder(IdTokens.MAX_CHARS + 1);
    for (int i = 0; i <= IdTokens.MAX_CHARS; i++) {
      big.append('a');
    }
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchange(flow, s, big.toString()));
    assertTrue(e.getMessage().contains("it has " + (IdTokens.MAX_CHARS + 1) + " characters"),
        e.getMessage());
  }

  @Test
  void refresh_idTokenCheckedWithoutNonce() throws IOException {
    PkceLoginFlow flow = builder().build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    String idToken = Fixtures.jwt(claims(s, "").replace(s.nonceOrNull(), "original"));
    InMemoryTransport transport = new InMemoryTransport().on(TOKEN_URL, answer(idToken));
    assertEquals("user-7", flow.refresh(RefreshRequest.of("rt"), transport).tokens()
        .idTokenClaimsOrNull().subject());
  }

  @Test
  void refresh_idTokenOfAnotherIssuer_refused() {
    PkceLoginFlow flow = builder().build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    String idToken = Fixtures.jwt(claims(s, "").replace(Fixtures.ISSUER, "https://x.example"));
    InMemoryTransport transport = new InMemoryTransport().on(TOKEN_URL, answer(idToken));
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.refresh(RefreshRequest.of("rt"), transport));
    assertEquals(ResponseRejectedException.INVALID_ID_TOKEN, e.errorCode());
  }

  @Test
  void refresh_withoutIdToken_accepted() throws IOException {
    InMemoryTransport transport = new InMemoryTransport().on(TOKEN_URL, answer(null));
    assertNull(builder().build().refresh(RefreshRequest.of("rt"), transport).tokens()
        .idTokenClaimsOrNull());
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, 601})
  void clockSkewOutOfRange_throws(long skew) {
    assertThrows(IllegalArgumentException.class, () -> builder().clockSkewSeconds(skew));
  }

  @Test
  void clockSkewBoundaries_accepted() {
    builder().clockSkewSeconds(0).clockSkewSeconds(600);
  }
}
