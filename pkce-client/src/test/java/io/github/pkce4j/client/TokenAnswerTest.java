package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The whole exchange ({@link PkceLoginFlow#exchange}) against the token endpoint's answers, on an
 * in-memory transport: what the flow makes of each kind of answer (RFC 6749 sections 5.1, 5.2).
 */
class TokenAnswerTest {
  private static final String TOKEN_URL = Fixtures.ISSUER + "/token";
  private static final String SALESFORCE_TOKEN_RESPONSE = "{\"access_token\":\"00Dxx!AQ0AQ.tok\","
      + "\"signature\":\"c2lnbmF0dXJl\",\"scope\":\"api refresh_token\",\"id_token\":\"e30.e30.\","
      + "\"instance_url\":\"https://acme.my.salesforce.com\","
      + "\"id\":\"https://login.salesforce.com/id/00Dxx0000001gPL/005xx000001Sv6A\","
      + "\"token_type\":\"Bearer\",\"issued_at\":\"1700000000000\",\"refresh_token\":\"5Aep.r\"}";

  private final PkceLoginFlow flow = Fixtures.flow();
  private final InMemoryTransport transport = new InMemoryTransport();

  private TokenResponse exchangeAnswered(int status, String contentType, String body)
      throws IOException {
    transport.on(TOKEN_URL, Fixtures.response(status, contentType, body));
    AuthorizationSession session = flow.newSession(Fixtures.REDIRECT);
    AuthorizationResponse response = flow.parseRedirect(session,
        Fixtures.REDIRECT + "?code=abc&state=" + session.state());
    return flow.exchange(session, response, transport);
  }

  @Test
  void exchange_success_keepsUnknownSalesforceMembers() throws IOException {
    TokenResponse tokens = exchangeAnswered(200, "application/json", SALESFORCE_TOKEN_RESPONSE);

    assertEquals("00Dxx!AQ0AQ.tok", tokens.accessToken());
    assertTrue(tokens.isBearer());
    assertEquals("5Aep.r", tokens.refreshTokenOrNull());
    assertEquals("https://acme.my.salesforce.com", tokens.stringOrNull("instance_url"));
    assertEquals("1700000000000", tokens.stringOrNull("issued_at"));
    assertEquals("c2lnbmF0dXJl", tokens.stringOrNull("signature"));
    assertEquals("https://login.salesforce.com/id/00Dxx0000001gPL/005xx000001Sv6A",
        tokens.stringOrNull("id"));
    assertEquals(SALESFORCE_TOKEN_RESPONSE, tokens.json());
    assertEquals(1, transport.requests().size());
    assertEquals(TOKEN_URL, transport.requests().get(0).url());
  }

  @Test
  void exchange_errorJson_throwsOAuthErrorWithAllFields() {
    OAuthErrorException e = assertThrows(OAuthErrorException.class,
        () -> exchangeAnswered(400, "application/json", "{\"error\":\"invalid_grant\","
            + "\"error_description\":\"PKCE verification failed\","
            + "\"error_uri\":\"https://example.com/e\"}"));

    assertEquals("invalid_grant", e.errorCode());
    assertEquals("PKCE verification failed", e.errorDescriptionOrNull());
    assertEquals("https://example.com/e", e.errorUriOrNull());
    assertEquals(400, e.httpStatus());
  }

  @Test
  void exchange_htmlErrorPage_throwsInvalidResponseNamingStatusTypeAndLength() {
    String page = "<html><body><h1>Bad Gateway</h1></body></html>";
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchangeAnswered(502, "text/html", page));

    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
    assertEquals("token endpoint answered HTTP 502 with a body that is not a JSON error object"
        + " (Content-Type text/html, " + page.length() + " bytes); RFC 6749 §5.2 error"
        + " responses are JSON with an error member", e.description());
    assertFalse(e.getMessage().contains("Bad Gateway"), "the body is never quoted");
  }

  @Test
  void exchange_emptyErrorBody_saysSo() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchangeAnswered(503, null, ""));

    assertEquals("token endpoint answered HTTP 503 with an empty body; RFC 6749 §5.2 error"
        + " responses are JSON with an error member", e.description());
  }

  @Test
  void exchange_htmlWith200_throwsInvalidResponse() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchangeAnswered(200, "text/html", "<html>signed in</html>"));

    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
  }

  @Test
  void exchange_emptyBody_throwsInvalidResponse() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchangeAnswered(200, "application/json", ""));

    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
    assertTrue(e.getMessage().contains("empty body"), e.description());
  }

  @Test
  void exchange_invalidJson_throwsInvalidResponse() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchangeAnswered(200, "application/json",
            "{\"access_token\":\"a\",\"token_type\":\"Bearer\",}"));

    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
  }

  @Test
  void exchange_successWithoutAccessToken_throwsInvalidResponse() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchangeAnswered(200, "application/json", "{\"token_type\":\"Bearer\"}"));

    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
    assertTrue(e.getMessage().contains("access_token"), e.description());
  }

  @Test
  void exchange_errorStatusWithInvalidErrorCode_throwsInvalidResponse() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchangeAnswered(400, "application/json", "{\"error\":\"bad\\\"quote\"}"));

    assertEquals("token endpoint answered HTTP 400 without a valid error member; RFC 6749 §5.2"
        + " requires one", e.description());
  }
}
