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

/** RFC 7009: token revocation. */
class RevocationTest {
  private static final String REVOKE_URL = Fixtures.ISSUER + "/revoke";

  private static PkceLoginFlow flow(ClientAuthentication auth) {
    return PkceLoginFlow.builder(Fixtures.fullMetadata().build(), "client-1")
        .clientAuthentication(auth).build();
  }

  private static void revoke(TransportResponse answer) throws IOException {
    flow(ClientAuthentication.none()).revoke("rt-1", TokenTypeHint.REFRESH_TOKEN,
        new InMemoryTransport().on(REVOKE_URL, answer));
  }

  @Test
  void request_publicClient_tokenHintAndClientIdNoSecret() {
    TransportRequest r = flow(ClientAuthentication.none())
        .revocationRequest("rt-1", TokenTypeHint.REFRESH_TOKEN);
    assertEquals("POST", r.method());
    assertEquals(REVOKE_URL, r.url());
    assertEquals(Arrays.asList("token", "token_type_hint", "client_id"),
        Arrays.asList(Fixtures.form(r).keySet().toArray()));
    assertEquals(Collections.singletonList("refresh_token"),
        Fixtures.form(r).get("token_type_hint"));
    assertNull(r.headers().get("Authorization"));
  }

  @Test
  void request_withoutHint_sendsNone() {
    TransportRequest r = flow(ClientAuthentication.none()).revocationRequest("at", null);
    assertEquals(Arrays.asList("token", "client_id"),
        Arrays.asList(Fixtures.form(r).keySet().toArray()));
  }

  @Test
  void request_accessTokenHint() {
    assertEquals(Collections.singletonList("access_token"), Fixtures.form(
        flow(ClientAuthentication.none()).revocationRequest("at", TokenTypeHint.ACCESS_TOKEN))
        .get("token_type_hint"));
  }

  @Test
  void request_clientSecretBasic_authenticatesAsAtTheTokenEndpoint() {
    TransportRequest r = flow(ClientAuthentication.clientSecretBasic("pw"))
        .revocationRequest("at", null);
    assertEquals("Basic Y2xpZW50LTE6cHc=", r.headers().get("Authorization"));
    assertFalse(Fixtures.form(r).containsKey("client_id"));
  }

  @Test
  void status200_isSuccessWhateverTheBody() throws IOException {
    revoke(Fixtures.response(200, null, ""));
    revoke(Fixtures.response(200, "text/html", "<html>ok</html>"));
  }

  @Test
  void unsupportedTokenType_isOAuthErrorNamingTheRevocationEndpoint() {
    OAuthErrorException e = assertThrows(OAuthErrorException.class, () -> revoke(
        Fixtures.response(400, "application/json", "{\"error\":\"unsupported_token_type\"}")));
    assertEquals("unsupported_token_type", e.errorCode());
    assertEquals("the revocation endpoint answered HTTP 400 with error unsupported_token_type"
        + " (RFC 7009 section 2.2.1)", e.description());
  }

  @Test
  void serviceUnavailableWithoutBody_isInvalidResponse() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> revoke(Fixtures.response(503, null, "")));
    assertEquals("revocation endpoint answered HTTP 503 with an empty body; RFC 7009 section"
        + " 2.2.1 error responses are JSON with an error member", e.description());
  }

  @Test
  void otherSuccessStatus_refused() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> revoke(Fixtures.response(204, null, "")));
    assertTrue(e.getMessage().contains("RFC 7009 section 2.2 requires 200"), e.getMessage());
  }

  @Test
  void redirect_refused() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> revoke(Fixtures.response(302, null, "")));
    assertTrue(e.getMessage().contains("(a redirect)"), e.getMessage());
  }

  @Test
  void noRevocationEndpoint_throwsIllegalState() {
    PkceLoginFlow flow = PkceLoginFlow.builder(Fixtures.metadata(false), "client-1").build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> flow.revocationRequest("at", null));
    assertTrue(e.getMessage().contains("no revocation_endpoint"), e.getMessage());
  }

  @Test
  void emptyToken_throws() {
    assertThrows(IllegalArgumentException.class,
        () -> flow(ClientAuthentication.none()).revocationRequest("", null));
  }

  @Test
  void informationalStatus_isNotASuccessStatus() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> revoke(Fixtures.response(101, null, "")));
    assertEquals("revocation endpoint answered HTTP 101 with an empty body; RFC 7009 section"
        + " 2.2.1 error responses are JSON with an error member", e.description());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {300, 399})
  void redirectBoundaries_refusedAsRedirects(int status) {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> revoke(Fixtures.response(status, null, "")));
    assertTrue(e.getMessage().contains("HTTP " + status + " (a redirect)"), e.getMessage());
  }

  @Test
  void status400WithoutJson_isNotARedirect() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> revoke(Fixtures.response(400, null, "")));
    assertFalse(e.getMessage().contains("redirect"), e.getMessage());
  }
}
