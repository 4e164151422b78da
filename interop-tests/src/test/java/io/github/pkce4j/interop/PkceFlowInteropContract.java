package io.github.pkce4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.client.OAuthErrorException;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.ResponseRejectedException;
import io.github.pkce4j.client.ServerMetadata;
import io.github.pkce4j.client.TokenResponse;
import io.github.pkce4j.interop.browser.Browser;
import io.github.pkce4j.interop.browser.QueryString;
import io.github.pkce4j.interop.server.AuthorizationServerExtension;
import io.github.pkce4j.interop.server.SpringAuthorizationServer;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The authorization code flow with PKCE through a pkce4j adapter against Spring Authorization
 * Server, and the attacks PKCE and {@code state} stop, refused by the real server or the client.
 *
 * <p>One subclass per adapter: it supplies the {@link #transport() transport} and, if its idiom
 * differs from the blocking call, overrides {@link #exchange}. Everything else (discovery, the
 * session, the authorization URL, the browser, the redirect, the checks) is the same for every
 * adapter, so a new adapter proves itself by adding one small class.
 */
@ExtendWith(AuthorizationServerExtension.class)
public abstract class PkceFlowInteropContract {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Any loopback port works (RFC 8252 §7.3); the server copies it onto the registered URI. */
  private static final String REDIRECT_URI =
      "http://127.0.0.1:49153" + SpringAuthorizationServer.REDIRECT_PATH;

  private SpringAuthorizationServer server;
  private Browser browser;
  private HttpTransport transport;

  /** The adapter under test; a fresh or shared instance, as the adapter recommends. */
  protected abstract HttpTransport transport();

  /**
   * Redeems the code through the adapter. The default is the blocking {@link
   * PkceLoginFlow#exchange}; adapters with an asynchronous idiom override this to run it, and
   * rethrow its failure unwrapped so the assertions below see the same exceptions.
   */
  protected TokenResponse exchange(
      PkceLoginFlow flow, AuthorizationSession session, AuthorizationResponse response)
      throws Exception {
    return flow.exchange(session, response, transport);
  }

  @BeforeEach
  void setUp(SpringAuthorizationServer server) {
    this.server = server;
    this.browser = Browser.forUser(SpringAuthorizationServer.USERNAME, server.password());
    this.transport = transport();
  }

  @Test
  void discover_loopbackIssuer_findsEndpointsAndS256() throws Exception {
    ServerMetadata metadata = ServerMetadata.discover(server.issuer().toString(), transport);

    assertEquals(server.issuer().toString(), metadata.issuer());
    assertEquals(server.authorizationEndpoint().toString(), metadata.authorizationEndpoint());
    assertEquals(server.tokenEndpoint().toString(), metadata.tokenEndpoint());
    assertEquals(List.of("S256"), metadata.codeChallengeMethodsSupportedOrNull());
    assertFalse(metadata.authorizationResponseIssParameterSupported());
  }

  @Test
  void fullFlow_openIdScopes_issuesTokensWithOneTokenRequest() throws Exception {
    PkceLoginFlow flow = flow("openid profile");
    AuthorizationSession session = flow.newSession(REDIRECT_URI);
    int mark = server.requestLog().mark();

    AuthorizationResponse response =
        flow.parseRedirect(session, browserToApp(flow.authorizationUrl(session), UnaryOperator.identity()));
    TokenResponse tokens = exchange(flow, session, response);

    assertTrue(tokens.isBearer(), tokens.tokenType());
    assertFalse(tokens.accessToken().isEmpty());
    assertEquals("openid profile", tokens.scopeOrNull());
    assertEquals(session.nonceOrNull(), idTokenClaims(tokens).path("nonce").asText(null));
    assertEquals(server.issuer().toString(), idTokenClaims(tokens).path("iss").asText(null));
    assertEquals(1, tokenRequestsSince(mark), "code_verifier is sent in exactly one token request");
  }

  @Test
  void exchange_verifierOfAnotherSession_invalidGrant() throws Exception {
    PkceLoginFlow flow = flow("openid");
    AuthorizationSession session = flow.newSession(REDIRECT_URI);
    AuthorizationResponse response =
        flow.parseRedirect(session, browserToApp(flow.authorizationUrl(session), UnaryOperator.identity()));
    // An attacker who intercepted the code redeems it with a verifier of their own.
    AuthorizationSession attacker = flow.newSession(REDIRECT_URI);

    OAuthErrorException refused =
        assertThrows(OAuthErrorException.class, () -> exchange(flow, attacker, response));

    assertEquals("invalid_grant", refused.errorCode());
    assertEquals(400, refused.httpStatus());
  }

  @Test
  void exchange_replayedCode_invalidGrant() throws Exception {
    PkceLoginFlow flow = flow("openid");
    AuthorizationSession session = flow.newSession(REDIRECT_URI);
    AuthorizationResponse response =
        flow.parseRedirect(session, browserToApp(flow.authorizationUrl(session), UnaryOperator.identity()));
    exchange(flow, session, response);

    OAuthErrorException refused =
        assertThrows(OAuthErrorException.class, () -> exchange(flow, session, response));

    assertEquals("invalid_grant", refused.errorCode());
    assertEquals(400, refused.httpStatus());
  }

  @Test
  void parseRedirect_tamperedState_refusedBeforeAnyTokenRequest() throws Exception {
    PkceLoginFlow flow = flow("openid");
    AuthorizationSession session = flow.newSession(REDIRECT_URI);
    int mark = server.requestLog().mark();
    String redirect =
        browserToApp(
            flow.authorizationUrl(session),
            callback -> QueryString.withParameter(callback, "state", "forged-" + session.state()));

    ResponseRejectedException refused =
        assertThrows(ResponseRejectedException.class, () -> redeem(flow, session, redirect));

    assertEquals(ResponseRejectedException.STATE_MISMATCH, refused.errorCode());
    assertFalse(refused.getMessage().contains(session.state()), "the message must not quote state");
    assertEquals(0, tokenRequestsSince(mark), "no token request may reach the server");
    assertNotEquals(null, parameters(redirect).get("code"),
        "the server did issue a code; only the client's state check stopped it");
  }

  @Test
  void authorize_withoutCodeChallenge_serverAnswersInvalidRequest() throws Exception {
    PkceLoginFlow flow = flow("openid");
    AuthorizationSession session = flow.newSession(REDIRECT_URI);
    URI withoutPkce =
        QueryString.withoutParameter(
            QueryString.withoutParameter(
                URI.create(flow.authorizationUrl(session)), "code_challenge"),
            "code_challenge_method");
    int mark = server.requestLog().mark();

    String redirect = browserToApp(withoutPkce.toString(), UnaryOperator.identity());
    OAuthErrorException refused =
        assertThrows(OAuthErrorException.class, () -> flow.parseRedirect(session, redirect));

    assertEquals("invalid_request", refused.errorCode());
    assertEquals(0, refused.httpStatus(), "the error came in the redirect, not from the token endpoint");
    assertTrue(
        String.valueOf(refused.errorDescriptionOrNull()).contains("code_challenge"),
        refused.errorDescriptionOrNull());
    assertEquals(0, tokenRequestsSince(mark));
  }

  @Test
  void parseRedirect_consentDenied_accessDenied() throws Exception {
    // Without openid: Spring grants openid even when the user cancels.
    PkceLoginFlow flow = flow("profile " + SpringAuthorizationServer.API_SCOPE);
    AuthorizationSession session = flow.newSession(REDIRECT_URI);
    browser = browser.withConsent(Browser.Consent.DENY);

    String redirect = browserToApp(flow.authorizationUrl(session), UnaryOperator.identity());
    OAuthErrorException refused =
        assertThrows(OAuthErrorException.class, () -> flow.parseRedirect(session, redirect));

    assertEquals("access_denied", refused.errorCode());
    assertNull(parameters(redirect).get("code"));
  }

  private PkceLoginFlow flow(String scope) throws Exception {
    ServerMetadata metadata = ServerMetadata.discover(server.issuer().toString(), transport);
    return PkceLoginFlow.builder(metadata, SpringAuthorizationServer.CLIENT_ID).scope(scope).build();
  }

  private TokenResponse redeem(PkceLoginFlow flow, AuthorizationSession session, String redirect)
      throws Exception {
    return exchange(flow, session, flow.parseRedirect(session, redirect));
  }

  /**
   * The browser's part: signs in, consents, and hands the server's redirect to the app. {@code
   * attacker} may rewrite the redirect on its way, as a malicious page or app could.
   */
  private String browserToApp(String authorizationUrl, UnaryOperator<URI> attacker) {
    Browser.Outcome outcome = browser.authorize(URI.create(authorizationUrl), URI.create(REDIRECT_URI));
    return attacker.apply(outcome.callback()).toString();
  }

  private int tokenRequestsSince(int mark) {
    return (int)
        server.requestLog().since(mark).stream()
            .filter(entry -> entry.isPostTo(SpringAuthorizationServer.TOKEN_PATH))
            .count();
  }

  private static JsonNode idTokenClaims(TokenResponse tokens) throws Exception {
    String idToken = tokens.idTokenOrNull();
    assertNotEquals(null, idToken, "openid scope must yield an ID token");
    String[] parts = idToken.split("\\.");
    assertEquals(3, parts.length, "an ID token is a signed JWT (JWS compact serialization)");
    return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
  }

  private static Map<String, String> parameters(String url) {
    return QueryString.parse(URI.create(url).getRawQuery());
  }
}
