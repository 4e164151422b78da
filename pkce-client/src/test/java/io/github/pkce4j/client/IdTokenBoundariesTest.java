package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.internal.UrlEncoding;
import io.github.pkce4j.internal.Base64Url;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edges of the ID token reader (OpenID Connect Core 1.0 section 3.1.3.7, RFC 7515 section
 * 7.1): each malformation alone, in an otherwise valid token, so that each rule is what refuses.
 */
class IdTokenBoundariesTest {
  private static final String TOKEN_URL = Fixtures.ISSUER + "/token";
  private static final long NOW = 1_700_000_000L;
  private static final String HEADER = b64("{\"alg\":\"RS256\"}");

  private static String b64(String text) {
    return Base64Url.encode(UrlEncoding.utf8(text));
  }

  private PkceLoginFlow flow(String maxAge) {
    PkceLoginFlow.Builder b = PkceLoginFlow.builder(Fixtures.metadata(false), "client-1")
        .scope("openid").sendNonce(false).clock(new Fixtures.FixedClock(NOW * 1000));
    return (maxAge == null ? b : b.authorizationParameter("max_age", maxAge)).build();
  }

  private static String claims(String extra) {
    return "{\"iss\":\"" + Fixtures.ISSUER + "\",\"sub\":\"u\",\"aud\":\"client-1\",\"exp\":"
        + (NOW + 300) + ",\"iat\":" + NOW + extra + "}";
  }

  private TokenResponse exchange(PkceLoginFlow flow, String idToken) throws IOException {
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    InMemoryTransport transport = new InMemoryTransport().on(TOKEN_URL, Fixtures.response(200,
        "application/json", "{\"access_token\":\"A\",\"token_type\":\"Bearer\",\"id_token\":\""
            + idToken + "\"}"));
    return flow.exchange(s,
        flow.parseRedirect(s, Fixtures.REDIRECT + "?code=c&state=" + s.state()), transport);
  }

  private String refused(String idToken) {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchange(flow(null), idToken));
    assertEquals(ResponseRejectedException.INVALID_ID_TOKEN, e.errorCode());
    return e.getMessage();
  }

  @Test
  void headerWithoutAlg_refusedForThatReason() {
    assertTrue(refused(b64("{\"typ\":\"JWT\"}") + "." + b64(claims("")) + ".c2ln")
        .contains("no alg string"));
  }

  @Test
  void signaturePartNotBase64url_refusedForThatReason() {
    assertTrue(refused(HEADER + "." + b64(claims("")) + ".c2l=").contains("signature part"));
  }

  @Test
  void payloadNotUtf8_refused() {
    assertTrue(refused(HEADER + ".gA.c2ln").contains("its payload is not UTF-8"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"azp\":5", "\"nonce\":5"})
  void optionalStringMistyped_refused(String member) {
    assertTrue(refused(HEADER + "." + b64(claims("," + member)) + ".c2ln")
        .contains("is not a string"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1.5", "1e30"})
  void numericDateOutOfRange_refused(String exp) {
    assertTrue(refused(HEADER + "." + b64(claims("").replace("\"exp\":" + (NOW + 300),
        "\"exp\":" + exp)) + ".c2ln").contains("exp is not a non-negative number"));
  }

  @Test
  void tokenOfExactlyTheMaximumLength_accepted() throws IOException {
    StringBuilder pad = new StringBuilder();
    String token;
    while (true) {
      String head = HEADER + "." + b64(claims(",\"pad\":\"" + pad + "\"")) + ".";
      int left = IdTokens.MAX_CHARS - head.length();
      if (left % 4 != 1) {
        StringBuilder signature = new StringBuilder();
        for (int i = 0; i < left; i++) {
          signature.append('A');
        }
        token = head + signature;
        break;
      }
      pad.append('x');
    }
    assertEquals(IdTokens.MAX_CHARS, token.length());
    assertEquals("u", exchange(flow(null), token).idTokenClaimsOrNull().subject());
  }

  @Test
  void refresh_maxAgeNotApplied() throws IOException {
    PkceLoginFlow flow = flow("10");
    InMemoryTransport transport = new InMemoryTransport().on(TOKEN_URL, Fixtures.response(200,
        "application/json", "{\"access_token\":\"A\",\"token_type\":\"Bearer\",\"id_token\":\""
            + HEADER + "." + b64(claims(",\"auth_time\":" + (NOW - 3600))) + ".c2ln\"}"));
    assertEquals("u", flow.refresh(RefreshRequest.of("rt"), transport).tokens()
        .idTokenClaimsOrNull().subject());
  }

  @Test
  void maxAgeNotANumber_notChecked() throws IOException {
    assertEquals("u", exchange(flow("soon"), HEADER + "." + b64(claims("")) + ".c2ln")
        .idTokenClaimsOrNull().subject());
  }

  @Test
  void systemClock_isTheSystemTime() {
    long before = System.currentTimeMillis();
    long now = EpochClock.SYSTEM.currentTimeMillis();
    assertTrue(now >= before && now <= System.currentTimeMillis());
    assertEquals("EpochClock.SYSTEM", EpochClock.SYSTEM.toString());
  }

  @Test
  void fourParts_refusedEvenWithValidFirstThree() {
    assertTrue(refused(HEADER + "." + b64(claims("")) + ".c2ln.c2ln").contains("4 dot-separated"));
  }

  @Test
  void emptyAudienceArray_refusedForItsShape() {
    assertTrue(refused(HEADER + "." + b64(claims("").replace("\"aud\":\"client-1\"",
        "\"aud\":[]")) + ".c2ln").contains("aud is not a string or a non-empty array"));
  }

  @Test
  void missingAudience_saysMissing() {
    assertTrue(refused(HEADER + "." + b64(claims("").replace("\"aud\":\"client-1\",", ""))
        + ".c2ln").contains("aud is missing"));
  }

  @Test
  void emptySubject_refused() {
    assertTrue(refused(HEADER + "." + b64(claims("").replace("\"sub\":\"u\"", "\"sub\":\"\""))
        + ".c2ln").contains("it has no sub"));
  }

  @Test
  void missingExp_saysMissing() {
    assertTrue(refused(HEADER + "." + b64(claims("").replace("\"exp\":" + (NOW + 300) + ",", ""))
        + ".c2ln").contains("exp is missing"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.0"})
  void issuedAtZero_accepted(String iat) throws IOException {
    assertEquals(0, exchange(flow(null), HEADER + "." + b64(claims("").replace("\"iat\":" + NOW,
        "\"iat\":" + iat)) + ".c2ln").idTokenClaimsOrNull().issuedAtEpochSeconds());
  }

  @Test
  void tokenResponse_sessionOfAnotherIssuer_refused() {
    PkceLoginFlow other = PkceLoginFlow.builder(ServerMetadata.builder("https://other.example")
        .authorizationEndpoint("https://other.example/a").tokenEndpoint("https://other.example/t")
        .build(), "client-1").build();
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow(null).tokenResponse(other.newSession(Fixtures.REDIRECT),
            Fixtures.response(200, "application/json", "{}")));
    assertEquals(ResponseRejectedException.ISSUER_MISMATCH, e.errorCode());
  }
}
