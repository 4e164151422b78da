package io.github.pkce4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.ClientAuthentication;
import io.github.pkce4j.client.DpopKey;
import io.github.pkce4j.client.DpopProofs;
import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.client.OAuthErrorException;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.ResponseRejectedException;
import io.github.pkce4j.client.ServerMetadata;
import io.github.pkce4j.client.TokenResponse;
import io.github.pkce4j.client.TransportRequest;
import io.github.pkce4j.client.TransportResponse;
import io.github.pkce4j.interop.browser.Browser;
import io.github.pkce4j.interop.browser.QueryString;
import io.github.pkce4j.interop.server.AuthorizationServerExtension;
import io.github.pkce4j.interop.server.SpringAuthorizationServer;
import io.github.pkce4j.jdkhttp.LoopbackReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The authorization code flow with PKCE through a pkce4j adapter against Spring Authorization
 * Server, and the attacks PKCE and {@code state} stop, refused by the real server or the client.
 *
 * <p>Each test is a desktop login as an app would write it: discovery through the adapter, a
 * {@link PkceLoginFlow}, a {@link LoopbackReceiver} on an ephemeral port, a session for its
 * redirect URI, the authorization URL opened in a {@link Browser} that signs in and consents, the
 * server's redirect delivered to the receiver, and the code redeemed through the adapter. The
 * negative cases assert the exact OAuth error code the server or the client gave, and, where the
 * client must refuse first, that no token request reached the server ({@link
 * io.github.pkce4j.interop.server.RequestLog}).
 *
 * <p>One subclass per adapter (or per idiom of an adapter): it supplies the {@link #transport()
 * transport} and, if its idiom differs from the blocking call, overrides {@link #exchange}. The
 * receiver stays pkce-jdkhttp's: receiving the redirect does not depend on the HTTP client. An
 * OkHttp adapter proves itself with:
 *
 * <pre>{@code
 * class OkHttpInteropTest extends PkceFlowInteropContract {
 *   @Override protected HttpTransport transport() {
 *     return OkHttpTransport.create(new OkHttpClient());
 *   }
 * }
 * }</pre>
 */
@ExtendWith(AuthorizationServerExtension.class)
public abstract class PkceFlowInteropContract {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Duration CALLBACK_TIMEOUT = Duration.ofSeconds(10);
  private static final UnaryOperator<URI> UNTOUCHED = UnaryOperator.identity();

  /**
   * A redirect URI nobody listens on, for tests where the browser hands the redirect to the app
   * directly (as Android does with an app link); any loopback port matches the registration.
   */
  private static final String APP_REDIRECT_URI =
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
    int mark = server.requestLog().mark();

    Login login = login(flow, UNTOUCHED, UNTOUCHED);
    TokenResponse tokens = exchange(flow, login.session(), login.response());

    assertEquals(200, login.shownToUser().status(), login.shownToUser().text());
    assertTrue(login.consentedScopes().contains("profile"), login.consentedScopes().toString());
    assertTrue(tokens.isBearer(), tokens.tokenType());
    assertFalse(tokens.accessToken().isEmpty());
    assertEquals("openid profile", tokens.scopeOrNull());
    JsonNode idToken = idTokenClaims(tokens);
    assertEquals(server.issuer().toString(), idToken.path("iss").asText(null));
    assertEquals(List.of(SpringAuthorizationServer.CLIENT_ID), audience(idToken));
    assertEquals(login.session().nonceOrNull(), idToken.path("nonce").asText(null));
    assertEquals(1, tokenRequestsSince(mark), "the code is redeemed in exactly one token request");
  }

  /**
   * RFC 6749 §2.3.1: the id and secret are form-encoded before Basic encoding (and sent as is in
   * the body for {@code client_secret_post}); the server's id and secret are full of characters
   * that break a client which skips the encoding.
   */
  @ParameterizedTest
  @ValueSource(strings = {"client_secret_basic", "client_secret_post"})
  void fullFlow_confidentialClientWithReservedCharacters_issuesTokens(String method)
      throws Exception {
    PkceLoginFlow flow =
        confidentialFlow(secretAuthentication(method, server.confidentialClientSecret()));

    Login login = login(flow, UNTOUCHED, UNTOUCHED);
    TokenResponse tokens = exchange(flow, login.session(), login.response());

    assertTrue(tokens.isBearer(), tokens.tokenType());
    assertEquals(
        List.of(SpringAuthorizationServer.CONFIDENTIAL_CLIENT_ID), audience(idTokenClaims(tokens)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"client_secret_basic", "client_secret_post"})
  void exchange_wrongClientSecret_invalidClient(String method) throws Exception {
    PkceLoginFlow flow =
        confidentialFlow(secretAuthentication(method, server.confidentialClientSecret() + "x"));
    Login login = login(flow, UNTOUCHED, UNTOUCHED);

    OAuthErrorException refused =
        assertThrows(
            OAuthErrorException.class, () -> exchange(flow, login.session(), login.response()));

    assertEquals("invalid_client", refused.errorCode());
    assertEquals(401, refused.httpStatus());
  }

  @Test
  void exchange_verifierOfAnotherSession_invalidGrant() throws Exception {
    PkceLoginFlow flow = flow("openid");
    Login login = login(flow, UNTOUCHED, UNTOUCHED);
    // An attacker who intercepted the code redeems it with a verifier of their own.
    AuthorizationSession attacker = flow.newSession(login.session().redirectUri());

    OAuthErrorException refused =
        assertThrows(OAuthErrorException.class, () -> exchange(flow, attacker, login.response()));

    assertEquals("invalid_grant", refused.errorCode());
    assertEquals(400, refused.httpStatus());
  }

  @Test
  void exchange_replayedCode_invalidGrant() throws Exception {
    PkceLoginFlow flow = flow("openid");
    Login login = login(flow, UNTOUCHED, UNTOUCHED);
    String saved = login.session().serialize();
    exchange(flow, login.session(), login.response());
    // The same session object refuses a second exchange itself (single-use); a restored copy
    // gets as far as the server, which must refuse the replayed code.
    assertThrows(
        IllegalStateException.class, () -> exchange(flow, login.session(), login.response()));
    AuthorizationSession copy = AuthorizationSession.parse(saved);

    OAuthErrorException refused =
        assertThrows(OAuthErrorException.class, () -> exchange(flow, copy, login.response()));

    assertEquals("invalid_grant", refused.errorCode());
    assertEquals(400, refused.httpStatus());
  }

  @Test
  void receiver_tamperedState_answered400AndTheRealCallbackStillCompletesTheLogin()
      throws Exception {
    PkceLoginFlow flow = flow("openid");
    int mark = server.requestLog().mark();
    try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
      AuthorizationSession session = flow.newSession(receiver.redirectUri());
      Browser.Outcome outcome = browser.authorize(
          URI.create(flow.authorizationUrl(session)), URI.create(receiver.redirectUri()));
      CompletableFuture<AuthorizationResponse> awaited = CompletableFuture.supplyAsync(() -> {
        try {
          return receiver.await(flow, session, CALLBACK_TIMEOUT);
        } catch (Exception e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      });

      Browser.Page forged =
          browser.deliver(QueryString.withParameter(outcome.callback(), "state", "forged"));

      assertEquals(400, forged.status(), forged.text());
      assertFalse(forged.text().contains(session.state()), "the page must not quote state");
      assertFalse(awaited.isDone(), "a callback with another state must not end the login");
      assertEquals(0, tokenRequestsSince(mark), "no token request may reach the server");
      Browser.Page real = browser.deliver(outcome.callback());
      assertEquals(200, real.status(), real.text());
      assertNotNull(awaited.get(CALLBACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS).code());
    }
  }

  @Test
  void receiver_foreignIssuer_refusedBeforeAnyTokenRequest() throws Exception {
    PkceLoginFlow flow = flow("openid");
    int mark = server.requestLog().mark();

    Login login =
        login(
            flow,
            UNTOUCHED,
            callback -> QueryString.withParameter(callback, "iss", "https://attacker.example"));

    ResponseRejectedException refused =
        assertInstanceOf(ResponseRejectedException.class, login.failure());
    assertEquals(ResponseRejectedException.ISSUER_MISMATCH, refused.errorCode());
    assertEquals(0, tokenRequestsSince(mark), "no token request may reach the server");
  }

  /**
   * The Android shape: the app's process dies while the browser is in front, so the session is
   * saved before the hop and restored to read the redirect (delivered to the app, not to a
   * receiver) and redeem the code.
   */
  @Test
  void fullFlow_sessionSavedAndRestoredAcrossBrowserHop_issuesTokens() throws Exception {
    PkceLoginFlow flow = flow("openid");
    AuthorizationSession before = flow.newSession(APP_REDIRECT_URI);
    String saved = before.serialize();
    URI authorizationUrl = URI.create(flow.authorizationUrl(before));

    URI callback = browser.authorize(authorizationUrl, URI.create(APP_REDIRECT_URI)).callback();
    AuthorizationSession after = AuthorizationSession.parse(saved);
    TokenResponse tokens = exchange(flow, after, flow.parseRedirect(after, callback.toString()));

    assertTrue(tokens.isBearer(), tokens.tokenType());
    assertEquals(before.nonceOrNull(), idTokenClaims(tokens).path("nonce").asText(null));
  }

  @Test
  void authorize_withoutCodeChallenge_serverRedirectsInvalidRequest() throws Exception {
    PkceLoginFlow flow = flow("openid");
    int mark = server.requestLog().mark();

    Login login =
        login(
            flow,
            url ->
                QueryString.withoutParameter(
                    QueryString.withoutParameter(url, "code_challenge"), "code_challenge_method"),
            UNTOUCHED);

    OAuthErrorException refused = assertInstanceOf(OAuthErrorException.class, login.failure());
    assertEquals("invalid_request", refused.errorCode());
    assertEquals(0, refused.httpStatus(), "the error came in the redirect, not from /token");
    assertTrue(
        String.valueOf(refused.errorDescriptionOrNull()).contains("code_challenge"),
        refused.errorDescriptionOrNull());
    assertEquals(List.of(), login.consentedScopes(), "refused before the user is asked anything");
    assertEquals(0, tokenRequestsSince(mark));
  }

  @Test
  void authorize_consentDenied_accessDenied() throws Exception {
    PkceLoginFlow flow = flow("openid profile");
    browser = browser.withConsent(Browser.Consent.DENY);

    Login login = login(flow, UNTOUCHED, UNTOUCHED);

    OAuthErrorException refused = assertInstanceOf(OAuthErrorException.class, login.failure());
    assertEquals("access_denied", refused.errorCode());
    assertNull(parameters(login.deliveredCallback()).get("code"));
  }

  /**
   * One login attempt as the app sees it.
   *
   * @param session the session the app made for the receiver's redirect URI
   * @param deliveredCallback the redirect as the browser delivered it to the receiver
   * @param responseOrNull what the receiver accepted, or null if it refused the callback
   * @param failureOrNull why the receiver refused the callback, or null
   * @param shownToUser the page the receiver showed in the browser
   * @param consentedScopes the scopes the user ticked on the server's consent page
   */
  // ---------------------------------------------------------------- DPoP (RFC 9449)

  /**
   * RFC 9449 sections 5, 6.1 and 7.1 against the real server: discovery says it verifies ES256
   * proofs, the token comes back DPoP-bound to the key's thumbprint ({@code cnf.jkt} of the JWT
   * access token, decoded here), and the protected resource accepts it with a proof of that key
   * and refuses it with a proof of another key or as a Bearer token.
   */
  /** A login with DPoP required, through this adapter; returns the DPoP-bound tokens. */
  protected TokenResponse dpopLogin(DpopProofs proofs) throws Exception {
    ServerMetadata metadata = ServerMetadata.discover(server.issuer().toString(), transport);
    assertTrue(metadata.dpopSigningAlgValuesSupportedOrNull().contains("ES256"),
        String.valueOf(metadata.dpopSigningAlgValuesSupportedOrNull()));
    PkceLoginFlow flow = PkceLoginFlow.builder(metadata, SpringAuthorizationServer.CLIENT_ID)
        .scope("openid " + SpringAuthorizationServer.API_SCOPE)
        .dpop(proofs)
        .build();
    Login login = login(flow, UNTOUCHED, UNTOUCHED);
    TokenResponse tokens = exchange(flow, login.session(), login.response());
    assertEquals("DPoP", tokens.tokenType());
    return tokens;
  }

  /** The URL of the server's protected resource, which accepts DPoP-bound tokens. */
  protected String apiUrl() {
    return server.issuer() + SpringAuthorizationServer.API_PATH;
  }

  @Test
  void dpop_login_tokenBoundToTheKeyAndAcceptedOnlyWithItsProofs() throws Exception {
    DpopProofs proofs = DpopProofs.of(DpopKey.generate());

    TokenResponse tokens = dpopLogin(proofs);

    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(
        tokens.accessToken().split("\\.")[1]));
    assertEquals(proofs.key().thumbprint(), claims.path("cnf").path("jkt").asText(null),
        claims.toString());
    String api = server.issuer() + SpringAuthorizationServer.API_PATH;
    String token = tokens.accessToken();

    TransportResponse accepted = transport.execute(TransportRequest.get(api)
        .withHeader("Authorization", "DPoP " + token)
        .withHeader("DPoP", proofs.proof("GET", api, token)));
    DpopProofs otherKey = DpopProofs.of(DpopKey.generate());
    TransportResponse otherProof = transport.execute(TransportRequest.get(api)
        .withHeader("Authorization", "DPoP " + token)
        .withHeader("DPoP", otherKey.proof("GET", api, token)));
    TransportResponse asBearer = transport.execute(TransportRequest.get(api)
        .withHeader("Authorization", "Bearer " + token));

    assertEquals(200, accepted.status(), new String(accepted.body(), "UTF-8"));
    assertEquals(SpringAuthorizationServer.USERNAME,
        JSON.readTree(accepted.body()).path("sub").asText(null));
    assertEquals(401, otherProof.status(), "a proof of another key is refused");
    assertEquals(401, asBearer.status(), "a DPoP-bound token is not a bearer token");
  }

  /** RFC 9449 section 5.1: with DPoP only if supported, the server's metadata turns it on. */
  @Test
  void dpopIfSupported_serverAdvertisesEs256_tokensAreDpopBound() throws Exception {
    ServerMetadata metadata = ServerMetadata.discover(server.issuer().toString(), transport);
    DpopProofs proofs = DpopProofs.of(DpopKey.generate());
    PkceLoginFlow flow = PkceLoginFlow.builder(metadata, SpringAuthorizationServer.CLIENT_ID)
        .scope("openid")
        .dpopIfSupported(proofs)
        .build();

    Login login = login(flow, UNTOUCHED, UNTOUCHED);
    TokenResponse tokens = exchange(flow, login.session(), login.response());

    assertEquals(proofs, flow.dpopProofsOrNull());
    assertEquals("DPoP", tokens.tokenType());
  }

  protected record Login(
      AuthorizationSession session,
      URI deliveredCallback,
      AuthorizationResponse responseOrNull,
      RuntimeException failureOrNull,
      Browser.Page shownToUser,
      List<String> consentedScopes) {

    /** The accepted response; fails the test with the refusal if there is none. */
    AuthorizationResponse response() {
      if (responseOrNull == null) {
        throw new AssertionError("the receiver refused the callback", failureOrNull);
      }
      return responseOrNull;
    }

    /** The refusal; fails the test if the callback was accepted. */
    RuntimeException failure() {
      if (failureOrNull == null) {
        throw new AssertionError("the receiver accepted the callback " + deliveredCallback);
      }
      return failureOrNull;
    }
  }

  /**
   * A desktop login, end to end: a loopback receiver on an ephemeral port, a session for its
   * redirect URI, the authorization URL opened in the browser, the user signing in and consenting,
   * the server's redirect delivered to the receiver, and the receiver's verdict. {@code
   * onAuthorizationUrl} and {@code onCallback} may rewrite the two URLs on their way, as an
   * attacker (or a broken app) could.
   */
  private Login login(
      PkceLoginFlow flow, UnaryOperator<URI> onAuthorizationUrl, UnaryOperator<URI> onCallback)
      throws Exception {
    try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
      AuthorizationSession session = flow.newSession(receiver.redirectUri());
      URI authorizationUrl = onAuthorizationUrl.apply(URI.create(flow.authorizationUrl(session)));

      Browser.Outcome outcome =
          browser.authorize(authorizationUrl, URI.create(receiver.redirectUri()));
      URI callback = onCallback.apply(outcome.callback());
      // The browser and the app run side by side: the receiver answers the browser only once the
      // app awaits the callback.
      CompletableFuture<Browser.Page> shown =
          CompletableFuture.supplyAsync(() -> browser.deliver(callback));
      AuthorizationResponse response = null;
      RuntimeException failure = null;
      try {
        response = receiver.await(flow, session, CALLBACK_TIMEOUT);
      } catch (OAuthErrorException | ResponseRejectedException e) {
        failure = e;
      }
      Browser.Page page = shown.get(CALLBACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return new Login(session, callback, response, failure, page, outcome.consentedScopes());
    }
  }

  /** The public client's flow, with metadata discovered through the adapter. */
  private PkceLoginFlow flow(String scope) throws Exception {
    return flow(SpringAuthorizationServer.CLIENT_ID, ClientAuthentication.none(), scope);
  }

  private PkceLoginFlow confidentialFlow(ClientAuthentication authentication) throws Exception {
    return flow(SpringAuthorizationServer.CONFIDENTIAL_CLIENT_ID, authentication, "openid");
  }

  private PkceLoginFlow flow(String clientId, ClientAuthentication authentication, String scope)
      throws Exception {
    ServerMetadata metadata = ServerMetadata.discover(server.issuer().toString(), transport);
    return PkceLoginFlow.builder(metadata, clientId)
        .scope(scope)
        .clientAuthentication(authentication)
        .build();
  }

  private static ClientAuthentication secretAuthentication(String method, String secret) {
    return switch (method) {
      case "client_secret_basic" -> ClientAuthentication.clientSecretBasic(secret);
      case "client_secret_post" -> ClientAuthentication.clientSecretPost(secret);
      default -> throw new IllegalArgumentException(method);
    };
  }


  private int tokenRequestsSince(int mark) {
    return (int)
        server.requestLog().since(mark).stream()
            .filter(entry -> entry.isPostTo(SpringAuthorizationServer.TOKEN_PATH))
            .count();
  }

  private static JsonNode idTokenClaims(TokenResponse tokens) throws Exception {
    String idToken = tokens.idTokenOrNull();
    assertNotNull(idToken, "openid scope must yield an ID token");
    String[] parts = idToken.split("\\.");
    assertEquals(3, parts.length, "an ID token is a signed JWT (JWS compact serialization)");
    return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
  }

  /** RFC 7519 §4.1.3: {@code aud} is one string or an array of them. */
  private static List<String> audience(JsonNode claims) {
    JsonNode aud = claims.path("aud");
    if (aud.isTextual()) {
      return List.of(aud.asText());
    }
    List<String> audience = new ArrayList<>();
    aud.forEach(value -> audience.add(value.asText()));
    return audience;
  }

  private static Map<String, String> parameters(URI url) {
    return QueryString.parse(url.getRawQuery());
  }
}
