package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.internal.UrlEncoding;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9126: pushed authorization requests. */
class PushedAuthorizationTest {
  private static final String PAR_URL = Fixtures.ISSUER + "/par";
  private static final String CREATED = "{\"request_uri\":"
      + "\"urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c\",\"expires_in\":60}";
  private final Fixtures.FixedClock clock = new Fixtures.FixedClock(1_700_000_000_000L);

  private PkceLoginFlow.Builder builder(ServerMetadata metadata) {
    return PkceLoginFlow.builder(metadata, "client-1").clock(clock);
  }

  private PkceLoginFlow pushingFlow() {
    return builder(Fixtures.fullMetadata().build())
        .pushedAuthorization(PushedAuthorizationMode.REQUIRED).scope("openid api")
        .authorizationParameter("prompt", "login").build();
  }

  private static Map<String, List<String>> query(String url) {
    return UrlEncoding.decodeQuery(url.substring(url.indexOf('?') + 1));
  }

  private PushedAuthorization push(PkceLoginFlow flow, AuthorizationSession s, String answer)
      throws IOException {
    InMemoryTransport transport = new InMemoryTransport()
        .on(PAR_URL, Fixtures.response(201, "application/json", answer));
    return flow.pushAuthorizationRequest(s, transport);
  }

  @Test
  void pushedRequest_carriesExactlyTheAuthorizationUrlsParameters() {
    PkceLoginFlow plain = builder(Fixtures.fullMetadata().build()).scope("openid api")
        .authorizationParameter("prompt", "login").build();
    PkceLoginFlow pushing = pushingFlow();
    AuthorizationSession s = pushing.newSession(Fixtures.REDIRECT);
    TransportRequest r = pushing.pushedAuthorizationRequest(s);
    assertEquals("POST", r.method());
    assertEquals(PAR_URL, r.url());
    assertEquals(query(plain.authorizationUrl(s)), Fixtures.form(r));
    assertEquals(Arrays.asList("response_type", "client_id", "redirect_uri", "scope", "state",
        "nonce", "code_challenge", "code_challenge_method", "prompt"),
        Arrays.asList(Fixtures.form(r).keySet().toArray()));
    assertNull(r.headers().get("Authorization"));
    assertFalse(Fixtures.form(r).containsKey("client_secret"));
  }

  @Test
  void pushedRequest_clientSecretBasic_headerAndClientIdInBody() {
    PkceLoginFlow flow = builder(Fixtures.fullMetadata().build())
        .pushedAuthorization(PushedAuthorizationMode.REQUIRED)
        .clientAuthentication(ClientAuthentication.clientSecretBasic("pw")).build();
    TransportRequest r = flow.pushedAuthorizationRequest(flow.newSession(Fixtures.REDIRECT));
    assertEquals("Basic Y2xpZW50LTE6cHc=", r.headers().get("Authorization"));
    assertEquals(Collections.singletonList("client-1"), Fixtures.form(r).get("client_id"));
  }

  @Test
  void pushedRequest_clientSecretPost_secretInBody() {
    PkceLoginFlow flow = builder(Fixtures.fullMetadata().build())
        .pushedAuthorization(PushedAuthorizationMode.REQUIRED)
        .clientAuthentication(ClientAuthentication.clientSecretPost("pw")).build();
    TransportRequest r = flow.pushedAuthorizationRequest(flow.newSession(Fixtures.REDIRECT));
    assertEquals(Collections.singletonList("pw"), Fixtures.form(r).get("client_secret"));
  }

  @Test
  void afterPush_authorizationUrlCarriesOnlyClientIdAndRequestUri() throws IOException {
    PkceLoginFlow flow = pushingFlow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    PushedAuthorization p = push(flow, s, CREATED);
    assertSame(p, s.pushedAuthorizationOrNull());
    String url = flow.authorizationUrl(s);
    assertEquals(Fixtures.ISSUER + "/authorize?client_id=client-1&request_uri="
        + "urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3A6esc_11ACC5bwc014ltc14eY22c", url);
    assertTrue(p.used());
  }

  @Test
  void pushed_knowsItsExpiry() throws IOException {
    PkceLoginFlow flow = pushingFlow();
    PushedAuthorization p = push(flow, flow.newSession(Fixtures.REDIRECT), CREATED);
    assertEquals(60, p.expiresInSeconds());
    assertEquals(1_700_000_060_000L, p.expiresAtMillis());
    assertFalse(p.isExpired(1_700_000_059_999L));
    assertTrue(p.isExpired(1_700_000_060_000L));
    assertEquals("PushedAuthorization[expires_in=60, used=false, request_uri redacted]",
        p.toString());
  }

  @Test
  void authorizationUrl_beforePush_throwsIllegalState() {
    PkceLoginFlow flow = pushingFlow();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> flow.authorizationUrl(flow.newSession(Fixtures.REDIRECT)));
    assertTrue(e.getMessage().contains("pushAuthorizationRequest(session, transport)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("RFC 9126; PushedAuthorizationMode)"), e.getMessage());
  }

  @Test
  void authorizationUrl_secondTime_throwsBecauseRequestUriIsSingleUse() throws IOException {
    PkceLoginFlow flow = pushingFlow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    push(flow, s, CREATED);
    flow.authorizationUrl(s);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> flow.authorizationUrl(s));
    assertTrue(e.getMessage().contains("single-use (RFC 9126 section 4)"), e.getMessage());
  }

  @Test
  void authorizationUrl_afterExpiry_throwsStale() throws IOException {
    PkceLoginFlow flow = pushingFlow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    push(flow, s, CREATED);
    clock.millis += 60_000;
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> flow.authorizationUrl(s));
    assertTrue(e.getMessage().contains("request_uri expired (expires_in was 60 s"),
        e.getMessage());
    assertFalse(s.pushedAuthorizationOrNull().used());
  }

  @Test
  void sameSessionPushedTwice_throwsIllegalState() throws IOException {
    PkceLoginFlow flow = pushingFlow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    push(flow, s, CREATED);
    assertThrows(IllegalStateException.class, () -> push(flow, s, CREATED));
  }

  @Test
  void status200_refusedSection22Requires201() {
    PkceLoginFlow flow = pushingFlow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.pushedAuthorizationResponse(s,
            Fixtures.response(200, "application/json", CREATED)));
    assertEquals("pushed authorization request endpoint answered HTTP 200; RFC 9126 section"
        + " 2.2 requires 201 for a success", e.description());
    assertNull(s.pushedAuthorizationOrNull());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"expires_in\":60}", "{\"request_uri\":\"\",\"expires_in\":60}",
      "{\"request_uri\":5,\"expires_in\":60}", "{\"request_uri\":\"relative\",\"expires_in\":60}",
      "{\"request_uri\":\"urn:a b\",\"expires_in\":60}",
      "{\"request_uri\":\"urn:x:\\u00e9\",\"expires_in\":60}",
      "{\"request_uri\":\"urn:x:\\u007f\",\"expires_in\":60}",
      "{\"request_uri\":\"urn:x:1\"}", "{\"request_uri\":\"urn:x:1\",\"expires_in\":0}",
      "{\"request_uri\":\"urn:x:1\",\"expires_in\":-5}",
      "{\"request_uri\":\"urn:x:1\",\"expires_in\":\"60\"}",
      "{\"request_uri\":\"urn:x:1\",\"expires_in\":60.5}",
      "{\"request_uri\":\"urn:x:1\",\"expires_in\":86401}", "[]", "not json"})
  void malformed201_refusedAsInvalidResponse(String body) {
    PkceLoginFlow flow = pushingFlow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> push(flow, s, body));
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
    assertNull(s.pushedAuthorizationOrNull());
  }

  @Test
  void requestUriThatIsNoUri_refused() {
    PkceLoginFlow flow = pushingFlow();
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class, () -> push(flow,
        flow.newSession(Fixtures.REDIRECT), "{\"request_uri\":\"urn:%zz\",\"expires_in\":60}"));
    assertTrue(e.getMessage().contains("request_uri is not an absolute URI"), e.getMessage());
  }

  @Test
  void expiresInMissing_saysMissing() {
    PkceLoginFlow flow = pushingFlow();
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class, () -> push(flow,
        flow.newSession(Fixtures.REDIRECT), "{\"request_uri\":\"urn:x:1\"}"));
    assertTrue(e.getMessage().contains("expires_in is missing"), e.getMessage());
  }

  @Test
  void boundaries_accepted() throws IOException {
    PkceLoginFlow flow = pushingFlow();
    PushedAuthorization p = push(flow, flow.newSession(Fixtures.REDIRECT),
        "{\"request_uri\":\"urn:x:1\",\"expires_in\":86400}");
    assertEquals(86400, p.expiresInSeconds());
    push(flow, flow.newSession(Fixtures.REDIRECT), "{\"request_uri\":\"urn:x:1\","
        + "\"expires_in\":1}");
  }

  @Test
  void requestUriOfMaximumLength_acceptedAndOneMoreRefused() throws IOException {
    PkceLoginFlow flow = pushingFlow();
    StringBuilder uri = new StringBuilder("urn:x:");
    while (uri.length() < PushedAuthorization.MAX_REQUEST_URI_CHARS) {
      uri.append('a');
    }
    push(flow, flow.newSession(Fixtures.REDIRECT),
        "{\"request_uri\":\"" + uri + "\",\"expires_in\":60}");
    assertThrows(ResponseRejectedException.class, () -> push(flow,
        flow.newSession(Fixtures.REDIRECT), "{\"request_uri\":\"" + uri + "a\","
            + "\"expires_in\":60}"));
  }

  @Test
  void errorAnswer_isOAuthErrorNamingTheParEndpoint() {
    PkceLoginFlow flow = pushingFlow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    InMemoryTransport transport = new InMemoryTransport().on(PAR_URL, Fixtures.response(400,
        "application/json", "{\"error\":\"invalid_request\",\"error_description\":\"bad"
            + " redirect_uri\"}"));
    OAuthErrorException e = assertThrows(OAuthErrorException.class,
        () -> flow.pushAuthorizationRequest(s, transport));
    assertEquals("invalid_request", e.errorCode());
    assertEquals(400, e.httpStatus());
    assertEquals("the pushed authorization request endpoint answered HTTP 400 with error"
        + " invalid_request (RFC 9126 section 2.3): bad redirect_uri", e.description());
  }

  @Test
  void errorObjectWith201_isOAuthError() {
    PkceLoginFlow flow = pushingFlow();
    assertThrows(OAuthErrorException.class, () -> push(flow,
        flow.newSession(Fixtures.REDIRECT), "{\"error\":\"invalid_client\"}"));
  }

  @Test
  void redirect_refusedNotFollowed() {
    PkceLoginFlow flow = pushingFlow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.pushedAuthorizationResponse(s, Fixtures.response(307, null, "")));
    assertTrue(e.getMessage().contains("pushed authorization request endpoint answered HTTP 307"
        + " (a redirect)"), e.getMessage());
  }

  @Test
  void tooManyRequestsWithoutJson_refusedAsInvalidResponse() {
    PkceLoginFlow flow = pushingFlow();
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.pushedAuthorizationResponse(flow.newSession(Fixtures.REDIRECT),
            Fixtures.response(429, "text/plain", "slow down")));
    assertEquals("pushed authorization request endpoint answered HTTP 429 with a body that is"
        + " not a JSON error object (Content-Type text/plain, 9 bytes); RFC 9126 section 2.3"
        + " error responses are JSON with an error member", e.description());
  }

  @Test
  void modeDefault_serverRequiresPar_pushes() {
    PkceLoginFlow flow = builder(Fixtures.fullMetadata().requirePushedAuthorizationRequests(true)
        .build()).build();
    assertTrue(flow.pushesAuthorizationRequests());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> flow.authorizationUrl(flow.newSession(Fixtures.REDIRECT)));
    assertTrue(e.getMessage().contains("the server requires it"), e.getMessage());
  }

  @Test
  void modeDefault_parOfferedNotRequired_doesNotPush() {
    PkceLoginFlow flow = builder(Fixtures.fullMetadata().build()).build();
    assertFalse(flow.pushesAuthorizationRequests());
    assertTrue(flow.authorizationUrl(flow.newSession(Fixtures.REDIRECT))
        .contains("code_challenge="));
    assertThrows(IllegalStateException.class,
        () -> flow.pushedAuthorizationRequest(flow.newSession(Fixtures.REDIRECT)));
  }

  @Test
  void modeWhenOffered_pushesOnlyWhenOffered() {
    assertTrue(builder(Fixtures.fullMetadata().build())
        .pushedAuthorization(PushedAuthorizationMode.WHEN_OFFERED).build()
        .pushesAuthorizationRequests());
    assertFalse(builder(Fixtures.metadata(false))
        .pushedAuthorization(PushedAuthorizationMode.WHEN_OFFERED).build()
        .pushesAuthorizationRequests());
  }

  @Test
  void modeWhenOffered_serverRequires_pushes() {
    assertTrue(builder(Fixtures.fullMetadata().requirePushedAuthorizationRequests(true).build())
        .pushedAuthorization(PushedAuthorizationMode.WHEN_OFFERED).build()
        .pushesAuthorizationRequests());
  }

  @Test
  void modeOff_neverPushes_andIsRefusedWhenTheServerRequiresPar() {
    assertFalse(builder(Fixtures.fullMetadata().build())
        .pushedAuthorization(PushedAuthorizationMode.OFF).build().pushesAuthorizationRequests());
    PkceLoginFlow.Builder b = builder(Fixtures.fullMetadata()
        .requirePushedAuthorizationRequests(true).build())
        .pushedAuthorization(PushedAuthorizationMode.OFF);
    IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
    assertTrue(e.getMessage().contains("RFC 9126 section 5"), e.getMessage());
  }

  @Test
  void modeRequired_withoutEndpoint_refusedAtBuild() {
    PkceLoginFlow.Builder b = builder(Fixtures.metadata(false))
        .pushedAuthorization(PushedAuthorizationMode.REQUIRED);
    assertThrows(IllegalStateException.class, b::build);
  }

  @Test
  void pushedRequest_sessionOfAnotherIssuer_refusedBeforeAnythingIsBuilt() {
    PkceLoginFlow other = PkceLoginFlow.builder(ServerMetadata.builder("https://other.example")
        .authorizationEndpoint("https://other.example/a").tokenEndpoint("https://other.example/t")
        .build(), "client-1").build();
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> pushingFlow().pushedAuthorizationRequest(other.newSession(Fixtures.REDIRECT)));
    assertEquals(ResponseRejectedException.ISSUER_MISMATCH, e.errorCode());
  }

  @Test
  void wholeLogin_pushThenRedirectThenExchange() throws IOException {
    PkceLoginFlow flow = builder(Fixtures.fullMetadata().build())
        .pushedAuthorization(PushedAuthorizationMode.REQUIRED).build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    InMemoryTransport transport = new InMemoryTransport()
        .on(PAR_URL, Fixtures.response(201, "application/json", CREATED))
        .on(Fixtures.ISSUER + "/token", Fixtures.response(200, "application/json",
            "{\"access_token\":\"A\",\"token_type\":\"Bearer\"}"));
    flow.pushAuthorizationRequest(s, transport);
    flow.authorizationUrl(s);
    TokenResponse t = flow.exchange(s,
        flow.parseRedirect(s, Fixtures.REDIRECT + "?code=c&state=" + s.state()), transport);
    assertEquals("A", t.accessToken());
    assertEquals(Arrays.asList(PAR_URL, Fixtures.ISSUER + "/token"),
        Arrays.asList(transport.requests().get(0).url(), transport.requests().get(1).url()));
  }
}
