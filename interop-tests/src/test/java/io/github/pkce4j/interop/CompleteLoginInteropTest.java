package io.github.pkce4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.ClientAuthentication;
import io.github.pkce4j.client.EpochClock;
import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.client.IdTokenClaims;
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
import io.github.pkce4j.client.TransportResponse;
import io.github.pkce4j.interop.browser.Browser;
import io.github.pkce4j.interop.browser.QueryString;
import io.github.pkce4j.interop.server.AuthorizationServerExtension;
import io.github.pkce4j.interop.server.SpringAuthorizationServer;
import io.github.pkce4j.jdkhttp.JdkHttpTransport;
import io.github.pkce4j.jdkhttp.LoopbackReceiver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rest of a public-client login against Spring Authorization Server 1.5: pushed
 * authorization requests (RFC 9126), the ID token checks (OpenID Connect Core 1.0 section
 * 3.1.3.7), refresh with rotation (RFC 6749 section 6) and revocation (RFC 7009), through
 * pkce-jdkhttp.
 *
 * <p>Spring Authorization Server 1.5 authenticates a public client ({@code none}) only at the
 * token endpoint for the authorization code grant with PKCE (its public-client authentication
 * needs a {@code code_verifier}): it answers a public client's pushed request, refresh or
 * revocation with 401. So those run as the confidential twin, with {@code client_secret_basic};
 * that a public client sends no secret there is pinned by pkce-client's unit tests and the
 * transport contract. The ID token's negative cases rewrite the token endpoint's real answer on
 * its way to the flow (a tampered {@code nonce}, a foreign {@code aud}, an {@code exp} in the
 * past), as a man in the middle or a broken server could.
 */
@ExtendWith(AuthorizationServerExtension.class)
class CompleteLoginInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALLBACK_TIMEOUT = Duration.ofSeconds(10);

  private SpringAuthorizationServer server;
  private Browser browser;
  private final JdkHttpTransport transport = JdkHttpTransport.create();

  @BeforeEach
  void setUp(SpringAuthorizationServer server) {
    this.server = server;
    this.browser = Browser.forUser(SpringAuthorizationServer.USERNAME, server.password());
  }

  private ServerMetadata metadata(SpringAuthorizationServer s) throws Exception {
    return ServerMetadata.discover(s.issuer().toString(), transport);
  }

  private PkceLoginFlow.Builder publicFlow(SpringAuthorizationServer s) throws Exception {
    return PkceLoginFlow.builder(metadata(s), SpringAuthorizationServer.CLIENT_ID)
        .scope("openid profile");
  }

  private PkceLoginFlow confidentialFlow() throws Exception {
    return confidentialFlow(server).build();
  }

  private PkceLoginFlow.Builder confidentialFlow(SpringAuthorizationServer s) throws Exception {
    return PkceLoginFlow.builder(metadata(s), SpringAuthorizationServer.CONFIDENTIAL_CLIENT_ID)
        .scope("openid")
        .clientAuthentication(ClientAuthentication.clientSecretBasic(s.confidentialClientSecret()));
  }

  @Test
  void par_publicClient_refusedBySpringAuthorizationServer() throws Exception {
    // A limit of the server, not of the client: see the class documentation.
    PkceLoginFlow flow =
        publicFlow(server).pushedAuthorization(PushedAuthorizationMode.REQUIRED).build();
    ResponseRejectedException refused = assertThrows(ResponseRejectedException.class,
        () -> flow.pushAuthorizationRequest(flow.newSession("http://127.0.0.1:49153/callback"),
            transport));
    assertTrue(refused.getMessage().contains("answered HTTP 401"), refused.getMessage());
  }

  /** A session, pushed first when the flow pushes, its URL walked by the browser, the redirect. */
  private record Login(AuthorizationSession session, String authorizationUrl,
      AuthorizationResponse response) {}

  private Login login(PkceLoginFlow flow, Browser who) throws Exception {
    try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
      AuthorizationSession session = flow.newSession(receiver.redirectUri());
      if (flow.pushesAuthorizationRequests()) {
        flow.pushAuthorizationRequest(session, transport);
      }
      String url = flow.authorizationUrl(session);
      URI callback = who.authorize(URI.create(url), URI.create(receiver.redirectUri())).callback();
      CompletableFuture<Browser.Page> shown =
          CompletableFuture.supplyAsync(() -> who.deliver(callback));
      AuthorizationResponse response = receiver.await(flow, session, CALLBACK_TIMEOUT);
      shown.get(CALLBACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return new Login(session, url, response);
    }
  }

  // ------------------------------------------------------------ pushed authorization requests

  @Test
  void par_offered_pushesAndTheUrlCarriesOnlyClientIdAndRequestUri() throws Exception {
    PkceLoginFlow flow = confidentialFlow(server)
        .pushedAuthorization(PushedAuthorizationMode.WHEN_OFFERED).build();
    assertEquals(server.issuer().resolve(SpringAuthorizationServer.PAR_PATH).toString(),
        flow.metadata().pushedAuthorizationRequestEndpointOrNull());
    assertFalse(flow.metadata().requirePushedAuthorizationRequests());
    int mark = server.requestLog().mark();

    Login login = login(flow, browser);
    TokenResponse tokens = flow.exchange(login.session(), login.response(), transport);

    Map<String, String> query = QueryString.parse(URI.create(login.authorizationUrl()).getRawQuery());
    assertEquals(List.of("client_id", "request_uri"), List.copyOf(query.keySet()));
    assertTrue(query.get("request_uri").startsWith("urn:ietf:params:oauth:request_uri:"),
        query.get("request_uri"));
    PushedAuthorization pushed = login.session().pushedAuthorizationOrNull();
    assertTrue(pushed.used());
    assertTrue(pushed.expiresInSeconds() > 0);
    assertTrue(server.requestLog().since(mark).stream()
        .anyMatch(e -> e.isPostTo(SpringAuthorizationServer.PAR_PATH)));
    assertEquals(SpringAuthorizationServer.USERNAME, tokens.idTokenClaimsOrNull().subject());
    assertEquals(login.session().nonceOrNull(), tokens.idTokenClaimsOrNull().nonceOrNull());
  }

  @Test
  void par_reusedRequestUri_refusedByTheServer() throws Exception {
    PkceLoginFlow flow = confidentialFlow(server)
        .pushedAuthorization(PushedAuthorizationMode.REQUIRED).build();
    Login first = login(flow, browser);
    flow.exchange(first.session(), first.response(), transport);

    // The flow builds one URL per request_uri; a copy of it opened again must fail at the server.
    assertThrows(IllegalStateException.class, () -> flow.authorizationUrl(first.session()));
    Browser.Outcome again = browser.authorize(URI.create(first.authorizationUrl()),
        URI.create(first.session().redirectUri()));
    // Spring Authorization Server answers the second use with an error page, not a redirect.
    assertNull(again.callbackOrNull(), "a used request_uri must not yield a second code");
    assertEquals(400, again.stoppedAtOrNull().status(), again.stoppedAtOrNull().text());
  }

  @Test
  void par_expiredRequestUri_refusedByTheFlowBeforeTheBrowserOpens() throws Exception {
    long[] now = {System.currentTimeMillis()};
    EpochClock clock = () -> now[0];
    PkceLoginFlow flow = confidentialFlow(server)
        .pushedAuthorization(PushedAuthorizationMode.REQUIRED).clock(clock).build();
    AuthorizationSession session = flow.newSession("http://127.0.0.1:49153/callback");
    PushedAuthorization pushed = flow.pushAuthorizationRequest(session, transport);
    now[0] = pushed.expiresAtMillis();

    IllegalStateException stale =
        assertThrows(IllegalStateException.class, () -> flow.authorizationUrl(session));
    assertTrue(stale.getMessage().contains("request_uri expired"), stale.getMessage());
  }

  @Test
  void par_badRequest_isOAuthErrorFromTheParEndpoint() throws Exception {
    PkceLoginFlow flow = confidentialFlow(server).scope("openid no-such-scope")
        .pushedAuthorization(PushedAuthorizationMode.REQUIRED).build();
    OAuthErrorException refused = assertThrows(OAuthErrorException.class,
        () -> flow.pushAuthorizationRequest(flow.newSession("http://127.0.0.1:49153/callback"),
            transport));
    assertEquals("invalid_scope", refused.errorCode());
    assertEquals(400, refused.httpStatus());
    assertTrue(refused.getMessage().contains("pushed authorization request endpoint"),
        refused.getMessage());
  }

  @Test
  void par_required_flowPushesByItself_andAPlainUrlIsRefused() throws Exception {
    try (SpringAuthorizationServer strict = SpringAuthorizationServer.start(true)) {
      Browser strictBrowser =
          Browser.forUser(SpringAuthorizationServer.USERNAME, strict.password());
      ServerMetadata metadata = metadata(strict);
      assertTrue(metadata.requirePushedAuthorizationRequests());
      PkceLoginFlow flow = confidentialFlow(strict).build();
      assertTrue(flow.pushesAuthorizationRequests());
      assertThrows(IllegalStateException.class,
          () -> flow.authorizationUrl(flow.newSession("http://127.0.0.1:49153/callback")),
          "the flow must not produce a plain URL");
      assertThrows(IllegalStateException.class,
          () -> PkceLoginFlow.builder(metadata, SpringAuthorizationServer.CLIENT_ID)
              .pushedAuthorization(PushedAuthorizationMode.OFF).build());

      Login login = login(flow, strictBrowser);
      TokenResponse tokens = flow.exchange(login.session(), login.response(), transport);
      assertTrue(tokens.isBearer());

      // The same request unpushed, as a hand-built URL: the server refuses it.
      ServerMetadata unpushed = ServerMetadata.builder(metadata.issuer())
          .authorizationEndpoint(metadata.authorizationEndpoint())
          .tokenEndpoint(metadata.tokenEndpoint()).build();
      PkceLoginFlow plain = PkceLoginFlow.builder(unpushed, SpringAuthorizationServer.CLIENT_ID)
          .scope("openid").build();
      String plainUrl = plain.authorizationUrl(plain.newSession("http://127.0.0.1:49153/callback"));
      Browser.Outcome refused = strictBrowser.authorize(URI.create(plainUrl),
          URI.create("http://127.0.0.1:49153/callback"));
      assertNull(refused.callbackOrNull(), "no code without a pushed request");
      assertEquals(400, refused.stoppedAtOrNull().status());
      assertTrue(refused.stoppedAtOrNull().text().contains("invalid_request"),
          refused.stoppedAtOrNull().text());
    }
  }

  // --------------------------------------------------------------------------- ID token

  @Test
  void idToken_checkedClaimsExposed() throws Exception {
    PkceLoginFlow flow = publicFlow(server).build();
    Login login = login(flow, browser);
    IdTokenClaims claims =
        flow.exchange(login.session(), login.response(), transport).idTokenClaimsOrNull();

    assertEquals(server.issuer().toString(), claims.issuer());
    assertEquals(List.of(SpringAuthorizationServer.CLIENT_ID), claims.audience());
    assertEquals(login.session().nonceOrNull(), claims.nonceOrNull());
    assertTrue(claims.expiresAtEpochSeconds() > System.currentTimeMillis() / 1000);
    assertNotNull(claims.authTimeEpochSecondsOrNull());
  }

  @Test
  void idToken_tamperedNonce_refusedWithoutTokens() throws Exception {
    assertIdTokenRefused(claims -> claims.put("nonce", "attacker-nonce"), "nonce differs");
  }

  @Test
  void idToken_wrongAudience_refusedWithoutTokens() throws Exception {
    assertIdTokenRefused(claims -> claims.put("aud", "another-client"), "aud does not contain");
  }

  @Test
  void idToken_expired_refusedWithoutTokens() throws Exception {
    assertIdTokenRefused(
        claims -> claims.put("exp", System.currentTimeMillis() / 1000 - 3600), "expired at");
  }

  /** A real login whose token answer is rewritten on its way to the flow. */
  private void assertIdTokenRefused(Consumer<ObjectNode> tamper, String why) throws Exception {
    PkceLoginFlow flow = publicFlow(server).build();
    Login login = login(flow, browser);
    HttpTransport rewriting = request -> {
      TransportResponse answer = transport.execute(request);
      return request.url().equals(flow.metadata().tokenEndpoint())
          ? withIdTokenClaims(answer, tamper) : answer;
    };

    ResponseRejectedException refused = assertThrows(ResponseRejectedException.class,
        () -> flow.exchange(login.session(), login.response(), rewriting));

    assertEquals(ResponseRejectedException.INVALID_ID_TOKEN, refused.errorCode());
    assertTrue(refused.getMessage().contains(why), refused.getMessage());
  }

  private static TransportResponse withIdTokenClaims(TransportResponse answer,
      Consumer<ObjectNode> tamper) throws java.io.IOException {
    ObjectNode body = (ObjectNode) JSON.readTree(answer.body());
    String[] parts = body.get("id_token").asText().split("\\.");
    ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    tamper.accept(claims);
    parts[1] = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(JSON.writeValueAsBytes(claims));
    body.put("id_token", String.join(".", parts));
    return TransportResponse.of(answer.status(),
        Map.of("Content-Type", List.of("application/json")), JSON.writeValueAsBytes(body));
  }

  // --------------------------------------------------------------------- refresh, revocation

  @Test
  void refresh_rotatesTheRefreshToken_andTheOldOneIsDead() throws Exception {
    PkceLoginFlow flow = confidentialFlow();
    Login login = login(flow, browser);
    TokenResponse tokens = flow.exchange(login.session(), login.response(), transport);
    String first = tokens.refreshTokenOrNull();
    assertNotNull(first, "the confidential client is issued a refresh token");
    assertNotNull(tokens.expiresAtMillisOrNull());

    RefreshedTokens refreshed = flow.refresh(RefreshRequest.of(first), transport);

    assertTrue(refreshed.refreshTokenRotated());
    assertNotEquals(first, refreshed.refreshTokenToStore());
    assertNotEquals(tokens.accessToken(), refreshed.accessToken());
    OAuthErrorException reused = assertThrows(OAuthErrorException.class,
        () -> flow.refresh(RefreshRequest.of(first), transport));
    assertEquals("invalid_grant", reused.errorCode());
    RefreshedTokens again =
        flow.refresh(RefreshRequest.of(refreshed.refreshTokenToStore()), transport);
    assertTrue(again.refreshTokenRotated());
  }

  @Test
  void refresh_narrowerScope_isGranted() throws Exception {
    PkceLoginFlow flow = confidentialFlow();
    Login login = login(flow, browser);
    TokenResponse tokens = flow.exchange(login.session(), login.response(), transport);

    RefreshedTokens refreshed = flow.refresh(
        RefreshRequest.of(tokens.refreshTokenOrNull()).withScope("openid"), transport);

    assertEquals("openid", refreshed.tokens().scopeOrNull());
  }

  @Test
  void revoke_refreshToken_thenRefreshingWithItFails() throws Exception {
    PkceLoginFlow flow = confidentialFlow();
    assertNotNull(flow.metadata().revocationEndpointOrNull());
    Login login = login(flow, browser);
    String refreshToken =
        flow.exchange(login.session(), login.response(), transport).refreshTokenOrNull();

    flow.revoke(refreshToken, TokenTypeHint.REFRESH_TOKEN, transport);

    OAuthErrorException refused = assertThrows(OAuthErrorException.class,
        () -> flow.refresh(RefreshRequest.of(refreshToken), transport));
    assertEquals("invalid_grant", refused.errorCode());
    // RFC 7009 section 2.2: revoking an invalid token again is a success too.
    flow.revoke(refreshToken, TokenTypeHint.REFRESH_TOKEN, transport);
  }
}
