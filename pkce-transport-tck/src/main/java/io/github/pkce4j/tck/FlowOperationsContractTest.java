package io.github.pkce4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.ClientAuthentication;
import io.github.pkce4j.client.OAuthErrorException;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.PushedAuthorization;
import io.github.pkce4j.client.PushedAuthorizationMode;
import io.github.pkce4j.client.RefreshRequest;
import io.github.pkce4j.client.RefreshedTokens;
import io.github.pkce4j.client.ResponseRejectedException;
import io.github.pkce4j.client.ServerMetadata;
import io.github.pkce4j.client.TokenResponse;
import io.github.pkce4j.client.TokenTypeHint;
import io.github.pkce4j.tck.FakeHttpServer.RecordedRequest;
import io.github.pkce4j.tck.FakeHttpServer.Script;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of an adapter's calls beyond the code exchange, over a real socket against {@link
 * FakeHttpServer}: the pushed authorization request (RFC 9126), the refresh (RFC 6749 section 6),
 * the revocation (RFC 7009) and the code exchange with an OpenID Connect ID token (its nonce is
 * checked against the session, OpenID Connect Core 1.0 section 3.1.3.7). An adapter runs it once
 * for each idiom it offers (blocking through {@link PkceLoginFlow}, its async calls) by extending
 * this class; a failed async call must surface its cause (an {@link OAuthErrorException}, a
 * {@link ResponseRejectedException}, an {@link IOException}) unwrapped.
 */
public abstract class FlowOperationsContractTest {
  private static final Charset UTF_8 = Charset.forName("UTF-8");
  private static final String REDIRECT = "http://127.0.0.1:4711/callback";

  /** The server under the transport: 127.0.0.1, ephemeral port. */
  protected FakeHttpServer server;

  /** Pushes {@code session}'s authorization request with the adapter's idiom. */
  protected abstract PushedAuthorization push(PkceLoginFlow flow, AuthorizationSession session)
      throws Exception;

  /** Refreshes with the adapter's idiom. */
  protected abstract RefreshedTokens refresh(PkceLoginFlow flow, RefreshRequest refresh)
      throws Exception;

  /** Revokes with the adapter's idiom. */
  protected abstract void revoke(PkceLoginFlow flow, String token, TokenTypeHint hint)
      throws Exception;

  /** Redeems the code with the adapter's idiom. */
  protected abstract TokenResponse exchange(PkceLoginFlow flow, AuthorizationSession session,
      AuthorizationResponse response) throws Exception;

  @BeforeEach
  void startServer() throws IOException {
    server = FakeHttpServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private ServerMetadata metadata() {
    return ServerMetadata.builder(server.url(""))
        .authorizationEndpoint(server.url("/authorize"))
        .tokenEndpoint(server.url("/token"))
        .pushedAuthorizationRequestEndpoint(server.url("/par"))
        .requirePushedAuthorizationRequests(true)
        .revocationEndpoint(server.url("/revoke"))
        .build();
  }

  private PkceLoginFlow flow(String scope) {
    PkceLoginFlow.Builder b = PkceLoginFlow.builder(metadata(), TestServers.CLIENT_ID)
        .pushedAuthorization(PushedAuthorizationMode.REQUIRED);
    return (scope == null ? b : b.scope(scope)).build();
  }

  @Test
  void push_sendsTheAuthorizationParametersAndTheUrlCarriesOnlyTheRequestUri()
      throws Exception {
    server.on("/par", Script.json(201, "{\"request_uri\":\"urn:ietf:params:oauth:request_uri:"
        + "x1\",\"expires_in\":90}"));
    PkceLoginFlow flow = flow("openid");
    AuthorizationSession session = flow.newSession(REDIRECT);

    PushedAuthorization pushed = push(flow, session);

    assertEquals("urn:ietf:params:oauth:request_uri:x1", pushed.requestUri());
    assertEquals(90, pushed.expiresInSeconds());
    RecordedRequest request = server.requests("/par").get(0);
    assertEquals("POST", request.method);
    assertNull(request.header("Authorization"));
    Map<String, List<String>> form = decodeForm(request.bodyText());
    assertEquals(Arrays.asList("response_type", "client_id", "redirect_uri", "scope", "state",
        "nonce", "code_challenge", "code_challenge_method"), new ArrayList<String>(form.keySet()));
    assertEquals(one(session.state()), form.get("state"));
    assertEquals(one("S256"), form.get("code_challenge_method"));
    assertEquals(server.url("/authorize") + "?client_id=app&request_uri="
        + "urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Ax1", flow.authorizationUrl(session));
  }

  @Test
  void push_clientSecretBasic_authenticatesInTheHeader() throws Exception {
    server.on("/par", Script.json(201, "{\"request_uri\":\"urn:x:1\",\"expires_in\":60}"));
    PkceLoginFlow flow = PkceLoginFlow.builder(metadata(), TestServers.CLIENT_ID)
        .clientAuthentication(ClientAuthentication.clientSecretBasic("pw")).build();
    push(flow, flow.newSession(REDIRECT));
    assertEquals("Basic " + Base64.getEncoder().encodeToString("app:pw".getBytes(UTF_8)),
        server.requests("/par").get(0).header("Authorization"));
  }

  @Test
  void push_errorAnswer_isOAuthError() {
    server.on("/par", Script.json(400, "{\"error\":\"invalid_request\"}"));
    PkceLoginFlow flow = flow(null);
    OAuthErrorException e = assertThrows(OAuthErrorException.class,
        () -> push(flow, flow.newSession(REDIRECT)));
    assertEquals("invalid_request", e.errorCode());
    assertEquals(400, e.httpStatus());
  }

  @Test
  void push_status200_isRefused() {
    server.on("/par", Script.json(200, "{\"request_uri\":\"urn:x:1\",\"expires_in\":60}"));
    PkceLoginFlow flow = flow(null);
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> push(flow, flow.newSession(REDIRECT)));
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
  }

  @Test
  void refresh_sendsGrantAndTokenOnly_andHandsBackTheRotatedToken() throws Exception {
    server.on("/token", Script.json(200, "{\"access_token\":\"A2\",\"token_type\":\"Bearer\","
        + "\"expires_in\":300,\"refresh_token\":\"R2\"}"));
    RefreshedTokens refreshed = refresh(flow(null), RefreshRequest.of("R1").withScope("read"));
    assertTrue(refreshed.refreshTokenRotated());
    assertEquals("R2", refreshed.refreshTokenToStore());
    assertEquals("A2", refreshed.accessToken());
    RecordedRequest request = server.requests("/token").get(0);
    assertNull(request.header("Authorization"), "a public client sends no credentials");
    Map<String, List<String>> expected = new LinkedHashMap<String, List<String>>();
    expected.put("grant_type", one("refresh_token"));
    expected.put("refresh_token", one("R1"));
    expected.put("scope", one("read"));
    expected.put("client_id", one("app"));
    assertEquals(expected, decodeForm(request.bodyText()));
  }

  @Test
  void refresh_invalidGrant_isOAuthError() {
    server.on("/token", Script.json(400, "{\"error\":\"invalid_grant\"}"));
    OAuthErrorException e = assertThrows(OAuthErrorException.class,
        () -> refresh(flow(null), RefreshRequest.of("R1")));
    assertEquals("invalid_grant", e.errorCode());
  }

  @Test
  void revoke_sendsTokenAndHint() throws Exception {
    server.on("/revoke", Script.status(200));
    revoke(flow(null), "R1", TokenTypeHint.REFRESH_TOKEN);
    Map<String, List<String>> expected = new LinkedHashMap<String, List<String>>();
    expected.put("token", one("R1"));
    expected.put("token_type_hint", one("refresh_token"));
    expected.put("client_id", one("app"));
    assertEquals(expected, decodeForm(server.requests("/revoke").get(0).bodyText()));
  }

  @Test
  void revoke_errorAnswer_isOAuthError() {
    server.on("/revoke", Script.json(400, "{\"error\":\"unsupported_token_type\"}"));
    OAuthErrorException e = assertThrows(OAuthErrorException.class,
        () -> revoke(flow(null), "R1", null));
    assertEquals("unsupported_token_type", e.errorCode());
  }

  @Test
  void exchange_openid_idTokenNonceCheckedAgainstTheSession() throws Exception {
    PkceLoginFlow flow = flow("openid");
    AuthorizationSession session = flow.newSession(REDIRECT);
    server.on("/token", Script.json(200, tokensWithIdToken(session.nonceOrNull())));
    AuthorizationResponse response =
        flow.parseRedirect(session, REDIRECT + "?code=abc&state=" + session.state());
    TokenResponse tokens = exchange(flow, session, response);
    assertEquals("user-1", tokens.idTokenClaimsOrNull().subject());
  }

  @Test
  void exchange_openid_tamperedNonce_isRefusedWithoutTokens() {
    PkceLoginFlow flow = flow("openid");
    AuthorizationSession session = flow.newSession(REDIRECT);
    server.on("/token", Script.json(200, tokensWithIdToken("someone-elses-nonce")));
    AuthorizationResponse response =
        flow.parseRedirect(session, REDIRECT + "?code=abc&state=" + session.state());
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchange(flow, session, response));
    assertEquals(ResponseRejectedException.INVALID_ID_TOKEN, e.errorCode());
    assertFalse(e.getMessage().contains("someone-elses-nonce"));
  }

  private String tokensWithIdToken(String nonce) {
    long now = System.currentTimeMillis() / 1000;
    String claims = "{\"iss\":\"" + server.url("") + "\",\"sub\":\"user-1\",\"aud\":\"app\","
        + "\"exp\":" + (now + 300) + ",\"iat\":" + now + ",\"nonce\":\"" + nonce + "\"}";
    String idToken = base64Url("{\"alg\":\"RS256\"}") + "." + base64Url(claims) + ".c2ln";
    return "{\"access_token\":\"A\",\"token_type\":\"Bearer\",\"id_token\":\"" + idToken + "\"}";
  }

  private static String base64Url(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(UTF_8));
  }

  private static List<String> one(String value) {
    List<String> list = new ArrayList<String>();
    list.add(value);
    return list;
  }

  private static Map<String, List<String>> decodeForm(String form) {
    Map<String, List<String>> params = new LinkedHashMap<String, List<String>>();
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(pair.substring(0, eq));
      if (!params.containsKey(name)) {
        params.put(name, new ArrayList<String>());
      }
      params.get(name).add(decode(pair.substring(eq + 1)));
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, "UTF-8");
    } catch (UnsupportedEncodingException e) {
      throw new AssertionError(e);
    }
  }
}
