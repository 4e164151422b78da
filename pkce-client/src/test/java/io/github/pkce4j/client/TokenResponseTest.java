package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6749 §5.1 and §5.2: reading the token endpoint's answer. */
class TokenResponseTest {
  private final PkceLoginFlow flow = Fixtures.flow();

  private TokenResponse read(int status, String body) {
    return flow.tokenResponse(Fixtures.response(status, "application/json", body));
  }

  @Test
  void rfc6749Section413Example_isParsed() {
    TokenResponse t = read(200, "{\"access_token\":\"2YotnFZFEjr1zCsicMWpAA\","
        + "\"token_type\":\"example\",\"expires_in\":3600,"
        + "\"refresh_token\":\"tGzv3JOkF0XG5Qx2TlKWIA\",\"example_parameter\":\"example_value\"}");
    assertEquals("2YotnFZFEjr1zCsicMWpAA", t.accessToken());
    assertEquals("example", t.tokenType());
    assertFalse(t.isBearer());
    assertEquals(Long.valueOf(3600), t.expiresInOrNull());
    assertEquals("tGzv3JOkF0XG5Qx2TlKWIA", t.refreshTokenOrNull());
    assertEquals("example_value", t.stringOrNull("example_parameter"));
    assertNull(t.scopeOrNull());
    assertNull(t.idTokenOrNull());
  }

  @Test
  void bearerInAnyCase_isBearer() {
    assertTrue(read(200, "{\"access_token\":\"a\",\"token_type\":\"bEaReR\"}").isBearer());
  }

  @Test
  void toString_printsNoToken() {
    TokenResponse t = read(200, "{\"access_token\":\"SECRET\",\"token_type\":\"Bearer\","
        + "\"refresh_token\":\"SECRET2\"}");
    assertFalse(t.toString().contains("SECRET"), t.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"token_type\":\"Bearer\"}",
      "{\"access_token\":\"\",\"token_type\":\"Bearer\"}",
      "{\"access_token\":\"a\"}",
      "{\"access_token\":1,\"token_type\":\"Bearer\"}",
      "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":\"3600\"}",
      "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":-1}",
      "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":1.5}",
      "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"refresh_token\":true}",
      "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"access_token\":\"b\"}",
      "[\"access_token\"]",
      "",
      "null",
  })
  void malformedSuccess_throwsInvalidResponse(String body) {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> read(200, body));
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
  }

  @Test
  void errorWithStatus200_throwsOAuthError() {
    OAuthErrorException e = assertThrows(OAuthErrorException.class,
        () -> read(200, "{\"error\":\"bad_verification_code\"}"));
    assertEquals("bad_verification_code", e.errorCode());
    assertEquals(200, e.httpStatus());
  }

  @Test
  void error401_throwsOAuthErrorWithMessage() {
    OAuthErrorException e = assertThrows(OAuthErrorException.class,
        () -> read(401, "{\"error\":\"invalid_client\"}"));
    assertEquals("invalid_client: the token endpoint answered HTTP 401 with error invalid_client"
        + " (RFC 6749 §5.2)", e.getMessage());
    assertNull(e.errorDescriptionOrNull());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"error\":3}", "{\"error\":\"\"}", "{\"error\":\"a\\\"b\"}",
      "{\"error_description\":\"no code\"}"})
  void errorStatusWithoutValidError_throwsInvalidResponse(String body) {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> read(400, body));
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
  }

  @Test
  void nonUtf8Body_throwsInvalidResponse() {
    TransportResponse response = TransportResponse.of(200, java.util.Collections
        .<String, java.util.List<String>>emptyMap(), new byte[] {'{', (byte) 0xC3, '}'});
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.tokenResponse(response));
    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void redirectStatus_throwsInvalidResponse(int status) {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> read(status, ""));
    assertTrue(e.getMessage().contains("does not follow redirects"), e.getMessage());
  }

  @Test
  void htmlErrorPage_throwsInvalidResponseWithoutQuotingBody() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.tokenResponse(Fixtures.response(500, "text/html; charset=utf-8",
            "<html>Internal error: token=SECRET</html>")));
    assertEquals("invalid_response: token endpoint answered HTTP 500 with a body that is not a"
        + " JSON error object (Content-Type text/html; charset=utf-8, 41 bytes); RFC 6749 §5.2"
        + " error responses are JSON with an error member", e.getMessage());
  }

  @Test
  void emptyErrorBody_saysSo() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.tokenResponse(Fixtures.response(503, null, "")));
    assertTrue(e.getMessage().contains("HTTP 503 with an empty body"), e.getMessage());
  }

  private static final String TOKENS = "{\"access_token\":\"A\",\"token_type\":\"Bearer\"}";

  /**
   * RFC 6749 section 5.1: a token response is {@code application/json}. A 200 whose declared
   * type is plainly not JSON is refused (security review finding 13); JSON with parameters and
   * structured {@code +json} types (RFC 6839) are accepted; a missing Content-Type is left to the
   * strict JSON parse.
   */
  @ParameterizedTest
  @ValueSource(strings = {"text/html", "text/html; charset=utf-8", "text/plain", "application/xml",
      "application/jsonx", "application/x-www-form-urlencoded", "text/json+xml", "+json",
      "application/+json", ""})
  void jsonMediaType_plainlyNotJson_isRefused(String contentType) {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.tokenResponse(Fixtures.response(200, contentType, TOKENS)));
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
    assertTrue(e.getMessage().contains("requires application/json"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "application/json;charset=UTF-8",
      "Application/JSON ; charset=utf-8", "application/vnd.example.tokens+json",
      "application/problem+json; q=1"})
  void jsonMediaType_jsonWithParametersOrSuffix_isAccepted(String contentType) {
    assertEquals("A", flow.tokenResponse(Fixtures.response(200, contentType, TOKENS))
        .accessToken());
  }

  @Test
  void jsonMediaType_missing_isLeftToTheStrictParse() {
    assertEquals("A", flow.tokenResponse(Fixtures.response(200, null, TOKENS)).accessToken());
  }

  @Test
  void jsonMediaType_discoveryServedAsHtml_isRefused() {
    HttpTransport html = request -> Fixtures.response(200, "text/html", "{\"issuer\":\""
        + Fixtures.ISSUER + "\",\"authorization_endpoint\":\"https://as.example.com/a\","
        + "\"token_endpoint\":\"https://as.example.com/t\"}");
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> ServerMetadata.discover(Fixtures.ISSUER, html));
    assertTrue(e.getMessage().contains("text/html"), e.getMessage());
  }
}
