package io.github.pkce4j.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.ClientAuthentication;
import io.github.pkce4j.client.DpopKey;
import io.github.pkce4j.client.DpopProofs;
import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.ResponseRejectedException;
import io.github.pkce4j.client.ResponseTooLargeException;
import io.github.pkce4j.client.ServerMetadata;
import io.github.pkce4j.client.TokenResponse;
import io.github.pkce4j.client.TransportRequest;
import io.github.pkce4j.client.TransportResponse;
import io.github.pkce4j.tck.FakeHttpServer.RecordedRequest;
import io.github.pkce4j.tck.FakeHttpServer.Script;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link HttpTransport}, run over a real socket against {@link FakeHttpServer}:
 * exactly what the token request puts on the wire, and what a transport does with every kind of
 * server answer (bounds, timeouts, redirects returned as they are, failures described). How the
 * flow reads a token or discovery answer is not a transport's job; pkce-client's own tests
 * ({@code TokenAnswerTest}, {@code DiscoveryTest}) check it against an in-memory transport.
 *
 * <p>An adapter runs it by extending this class and implementing {@link #newTransport(long)}:
 *
 * <pre>{@code
 * class OkHttpTransportContractTest extends TransportContractTest {
 *   protected HttpTransport newTransport(long timeoutMillis) {
 *     return OkHttpTransport.create(new OkHttpClient.Builder()
 *         .followRedirects(false).callTimeout(timeoutMillis, MILLISECONDS).build());
 *   }
 * }
 * }</pre>
 */
public abstract class TransportContractTest {
  private static final Charset UTF_8 = Charset.forName("UTF-8");
  /** Timeout given to the transport in the slow-server tests; generous for a loaded machine. */
  protected static final long SHORT_TIMEOUT_MILLIS = 500;
  private static final long NORMAL_TIMEOUT_MILLIS = 10_000;
  private static final String SALESFORCE_TOKEN_RESPONSE = "{\"access_token\":\"00Dxx!AQ0AQ.tok\","
      + "\"signature\":\"c2lnbmF0dXJl\",\"scope\":\"api refresh_token\",\"id_token\":\"e30.e30.\","
      + "\"instance_url\":\"https://acme.my.salesforce.com\","
      + "\"id\":\"https://login.salesforce.com/id/00Dxx0000001gPL/005xx000001Sv6A\","
      + "\"token_type\":\"Bearer\",\"issued_at\":\"1700000000000\",\"refresh_token\":\"5Aep.r\"}";

  /** The server under the transport: 127.0.0.1, ephemeral port. */
  protected FakeHttpServer server;

  /**
   * Creates the transport under test: no redirects followed, the whole exchange bounded by
   * {@code timeoutMillis}.
   */
  protected abstract HttpTransport newTransport(long timeoutMillis);

  @BeforeEach
  void startServer() throws IOException {
    server = FakeHttpServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private PkceLoginFlow flow(ClientAuthentication authentication, String clientId) {
    return PkceLoginFlow.builder(TestServers.metadata(server.url("")), clientId)
        .clientAuthentication(authentication).build();
  }

  /** Runs the token exchange for a session whose redirect carried code {@code abc}. */
  private TokenResponse exchange(PkceLoginFlow flow, AuthorizationSession session)
      throws IOException {
    AuthorizationResponse response = flow.parseRedirect(session,
        session.redirectUri() + "?code=abc&state=" + session.state());
    return exchange(flow, session, response, NORMAL_TIMEOUT_MILLIS);
  }

  /**
   * Redeems the code the way the adapter under test offers it: by default {@link
   * PkceLoginFlow#exchange} on {@link #newTransport(long)}; an adapter's asynchronous suite
   * overrides this with its own idiom (a future, a callback), so that the DPoP nonce retry is
   * checked there too.
   */
  protected TokenResponse exchange(PkceLoginFlow flow, AuthorizationSession session,
      AuthorizationResponse response, long timeoutMillis) throws IOException {
    return flow.exchange(session, response, newTransport(timeoutMillis));
  }

  private static Map<String, List<String>> decodeForm(String form) {
    Map<String, List<String>> params = new LinkedHashMap<String, List<String>>();
    if (form == null || form.isEmpty()) {
      return params;
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(pair.substring(0, eq));
      List<String> values = params.get(name);
      if (values == null) {
        values = new ArrayList<String>();
        params.put(name, values);
      }
      values.add(decode(pair.substring(eq + 1)));
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

  private static List<String> one(String value) {
    List<String> list = new ArrayList<String>();
    list.add(value);
    return list;
  }

  // ---------------------------------------------------------------- what goes over the wire

  @Test
  void exchange_publicClient_sendsVerifierOnceAndNoSecret() throws IOException {
    server.on("/token", Script.json(200, SALESFORCE_TOKEN_RESPONSE));
    PkceLoginFlow flow = flow(ClientAuthentication.none(), "public-app");
    AuthorizationSession session = flow.newSession("http://127.0.0.1:4711/callback");

    exchange(flow, session);

    List<RecordedRequest> requests = server.requests("/token");
    assertEquals(1, requests.size());
    RecordedRequest token = requests.get(0);
    assertEquals("POST", token.method);
    assertNull(token.rawQuery, "nothing in the token request's URL");
    assertEquals("application/x-www-form-urlencoded", token.header("Content-Type"));
    assertEquals("application/json", token.header("Accept"));
    assertNull(token.header("Authorization"), "a public client sends no credentials");
    Map<String, List<String>> form = decodeForm(token.bodyText());
    Map<String, List<String>> expected = new LinkedHashMap<String, List<String>>();
    expected.put("grant_type", one("authorization_code"));
    expected.put("code", one("abc"));
    expected.put("redirect_uri", one("http://127.0.0.1:4711/callback"));
    expected.put("client_id", one("public-app"));
    expected.put("code_verifier", one(session.codeVerifier().value()));
    assertEquals(expected, form, "exactly these parameters, each once, no client_secret");
  }

  @Test
  void exchange_verifierSent_matchesChallengeInAuthorizationUrl() throws IOException {
    server.on("/token", Script.json(200, SALESFORCE_TOKEN_RESPONSE));
    PkceLoginFlow flow = flow(ClientAuthentication.none(), "public-app");
    AuthorizationSession session = flow.newSession("http://127.0.0.1:4711/callback");
    Map<String, List<String>> query = decodeForm(
        flow.authorizationUrl(session).substring(server.url("/authorize?").length()));

    exchange(flow, session);

    String sentVerifier = decodeForm(server.requests("/token").get(0).bodyText())
        .get("code_verifier").get(0);
    CodeChallenge challenge = CodeChallenge.parse(query.get("code_challenge").get(0),
        io.github.pkce4j.ChallengeMethod.parse(query.get("code_challenge_method").get(0)));
    assertEquals("S256", query.get("code_challenge_method").get(0));
    assertTrue(challenge.matches(CodeVerifier.parse(sentVerifier)));
  }

  @Test
  void exchange_clientSecretBasic_formEncodesIdAndSecretPerRfc6749Section231()
      throws IOException {
    server.on("/token", Script.json(200, SALESFORCE_TOKEN_RESPONSE));
    // RFC 6749 §2.3.1: id and secret are form-encoded before Basic; ':' in either must not split.
    PkceLoginFlow flow = flow(ClientAuthentication.clientSecretBasic("p@ss:w/rd +%é"),
        "my client:1");
    AuthorizationSession session = flow.newSession("http://127.0.0.1:4711/callback");

    exchange(flow, session);

    RecordedRequest token = server.requests("/token").get(0);
    // base64("my+client%3A1:p%40ss%3Aw%2Frd+%2B%25%C3%A9"), computed independently.
    assertEquals("Basic bXkrY2xpZW50JTNBMTpwJTQwc3MlM0F3JTJGcmQrJTJCJTI1JUMzJUE5",
        token.header("Authorization"));
    Map<String, List<String>> form = decodeForm(token.bodyText());
    assertFalse(form.containsKey("client_secret"), "secret only in the header");
    assertFalse(form.containsKey("client_id"), "client_secret_basic authenticates in the header");
    assertEquals(one(session.codeVerifier().value()), form.get("code_verifier"));
  }

  @Test
  void exchange_clientSecretPost_sendsIdAndSecretInBodyOnly() throws IOException {
    server.on("/token", Script.json(200, SALESFORCE_TOKEN_RESPONSE));
    PkceLoginFlow flow = flow(ClientAuthentication.clientSecretPost("s3cr&t=+"), "app");
    AuthorizationSession session = flow.newSession("http://127.0.0.1:4711/callback");

    exchange(flow, session);

    RecordedRequest token = server.requests("/token").get(0);
    assertNull(token.header("Authorization"));
    Map<String, List<String>> form = decodeForm(token.bodyText());
    assertEquals(one("app"), form.get("client_id"));
    assertEquals(one("s3cr&t=+"), form.get("client_secret"));
    assertEquals(one(session.codeVerifier().value()), form.get("code_verifier"));
  }

  @Test
  void authorizationUrl_overTheWire_serverDecodesEveryParameterExactly() throws IOException {
    server.on("/authorize", Script.status(204));
    String tricky = "a b&c=d+e%f/g?h#i é \u4e2d \ud83d\ude00";
    PkceLoginFlow flow = PkceLoginFlow.builder(TestServers.metadata(server.url("")), "client &=id")
        .scope("openid profile email")
        .authorizationParameter("login_hint", tricky)
        .build();
    AuthorizationSession session = flow.newSession("http://127.0.0.1:4711/cb?x=1&y=2");

    TransportResponse response = newTransport(NORMAL_TIMEOUT_MILLIS)
        .execute(TransportRequest.get(flow.authorizationUrl(session)));

    assertEquals(204, response.status());
    RecordedRequest request = server.requests("/authorize").get(0);
    Map<String, List<String>> query = decodeForm(request.rawQuery);
    assertEquals(one("code"), query.get("response_type"));
    assertEquals(one("client &=id"), query.get("client_id"));
    assertEquals(one("http://127.0.0.1:4711/cb?x=1&y=2"), query.get("redirect_uri"));
    assertEquals(one("openid profile email"), query.get("scope"));
    assertEquals(one(session.state()), query.get("state"));
    assertEquals(one(session.nonceOrNull()), query.get("nonce"));
    assertEquals(one(CodeChallenge.s256(session.codeVerifier()).value()),
        query.get("code_challenge"));
    assertEquals(one("S256"), query.get("code_challenge_method"));
    assertEquals(one(tricky), query.get("login_hint"));
    assertEquals(9, query.size());
    assertTrue(request.rawQuery.matches("[A-Za-z0-9._~%=&-]*"),
        "only unreserved characters, percent-escapes and separators on the wire");
  }

  // ---------------------------------------------------------------- DPoP (RFC 9449)

  private PkceLoginFlow dpopFlow() {
    return PkceLoginFlow.builder(TestServers.metadata(server.url("")), "app")
        .dpop(DpopProofs.of(DpopKey.generate())).build();
  }

  @Test
  void exchange_dpop_proofOnTheWireVerifies() throws Exception {
    server.on("/token", Script.json(200, "{\"access_token\":\"A\",\"token_type\":\"DPoP\"}"));
    PkceLoginFlow flow = dpopFlow();

    assertEquals("DPoP", exchange(flow, flow.newSession("http://127.0.0.1:4711/callback"))
        .tokenType());

    String proof = server.requests("/token").get(0).header("DPoP");
    assertTrue(DpopProofChecks.verifies(proof));
    String claims = DpopProofChecks.claims(proof);
    assertEquals("POST", DpopProofChecks.stringMember(claims, "htm"));
    assertEquals(server.url("/token"), DpopProofChecks.stringMember(claims, "htu"));
    assertEquals(flow.dpopProofsOrNull().key().thumbprint(), DpopProofChecks.thumbprint(proof));
  }

  /** RFC 9449 section 8: the nonce challenge is answered once, with a fresh proof. */
  @Test
  void exchange_dpopNonceChallenge_retriedExactlyOnceWithTheNonce() throws Exception {
    server.onSequence("/token",
        Script.json(400, "{\"error\":\"use_dpop_nonce\"}").header("DPoP-Nonce", "n-1_x.y"),
        Script.json(200, "{\"access_token\":\"A\",\"token_type\":\"DPoP\"}"));
    PkceLoginFlow flow = dpopFlow();

    TokenResponse tokens = exchange(flow, flow.newSession("http://127.0.0.1:4711/callback"));

    assertEquals("A", tokens.accessToken());
    List<RecordedRequest> requests = server.requests("/token");
    assertEquals(2, requests.size());
    String first = DpopProofChecks.claims(requests.get(0).header("DPoP"));
    String second = DpopProofChecks.claims(requests.get(1).header("DPoP"));
    assertNull(DpopProofChecks.stringMember(first, "nonce"));
    assertEquals("n-1_x.y", DpopProofChecks.stringMember(second, "nonce"));
    assertTrue(DpopProofChecks.verifies(requests.get(1).header("DPoP")));
    assertFalse(DpopProofChecks.stringMember(first, "jti")
        .equals(DpopProofChecks.stringMember(second, "jti")), "never a proof reused");
    assertEquals(requests.get(0).bodyText(), requests.get(1).bodyText());
  }

  @Test
  void exchange_dpopServerAlwaysChallenges_twoRequestsThenTheError() {
    server.on("/token", Script.json(400, "{\"error\":\"use_dpop_nonce\"}")
        .header("DPoP-Nonce", "again"));
    PkceLoginFlow flow = dpopFlow();

    io.github.pkce4j.client.OAuthErrorException e = assertThrows(
        io.github.pkce4j.client.OAuthErrorException.class,
        () -> exchange(flow, flow.newSession("http://127.0.0.1:4711/callback")));

    assertEquals("use_dpop_nonce", e.errorCode());
    assertEquals(2, server.requests("/token").size());
  }

  // ---------------------------------------------------------------- every kind of answer

  @Test
  void execute_hugeBodyWithContentLength_throwsResponseTooLarge() {
    server.on("/token", Script.status(200).streamBytes(50L * 1024 * 1024, false));
    HttpTransport transport = newTransport(NORMAL_TIMEOUT_MILLIS);

    ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class,
        () -> transport.execute(TransportRequest.get(server.url("/token"))));

    assertEquals(TransportRequest.DEFAULT_MAX_RESPONSE_BYTES, e.limit());
  }

  @Test
  void execute_hugeChunkedBody_throwsResponseTooLarge() {
    server.on("/token", Script.status(200).streamBytes(50L * 1024 * 1024, true));
    HttpTransport transport = newTransport(NORMAL_TIMEOUT_MILLIS);

    assertThrows(ResponseTooLargeException.class, () -> transport.execute(
        TransportRequest.get(server.url("/token")).withMaxResponseBytes(64 * 1024)));
  }

  @Test
  void execute_bodyExactlyAtLimit_isRead() throws IOException {
    server.on("/token", Script.status(200).streamBytes(1000, true));

    TransportResponse response = newTransport(NORMAL_TIMEOUT_MILLIS)
        .execute(TransportRequest.get(server.url("/token")).withMaxResponseBytes(1000));

    assertEquals(1000, response.bodyLength());
  }

  @Test
  void execute_serverSlowToAnswer_timesOut() {
    server.on("/token", Script.json(200, SALESFORCE_TOKEN_RESPONSE).delayBeforeHeaders(5_000));
    HttpTransport transport = newTransport(SHORT_TIMEOUT_MILLIS);

    assertTimeout(assertThrows(IOException.class,
        () -> transport.execute(TransportRequest.get(server.url("/token")))));
  }

  @Test
  void execute_serverStallsMidBody_timesOut() {
    server.on("/token", Script.json(200, SALESFORCE_TOKEN_RESPONSE).stallAfterFirstByte(5_000));
    HttpTransport transport = newTransport(SHORT_TIMEOUT_MILLIS);

    assertTimeout(assertThrows(IOException.class,
        () -> transport.execute(TransportRequest.get(server.url("/token")))));
  }

  @Test
  void exchange_redirect_isNotFollowedAndIsRefused() {
    server.on("/token", Script.status(307).header("Location", server.url("/elsewhere")));
    server.on("/elsewhere", Script.json(200, SALESFORCE_TOKEN_RESPONSE));
    PkceLoginFlow flow = flow(ClientAuthentication.clientSecretBasic("secret"), "app");

    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchange(flow, flow.newSession("http://127.0.0.1:4711/callback")));

    assertTrue(e.getMessage().contains("HTTP 307"), e.getMessage());
    assertEquals(0, server.requests("/elsewhere").size(), "the verifier never went elsewhere");
  }

  @Test
  void execute_redirect_returnedAsIs() throws IOException {
    server.on("/meta", Script.status(302).header("Location", server.url("/elsewhere")));

    TransportResponse response = newTransport(NORMAL_TIMEOUT_MILLIS)
        .execute(TransportRequest.get(server.url("/meta")));

    assertEquals(302, response.status());
    assertEquals(server.url("/elsewhere"), response.headerOrNull("location"));
    assertEquals(0, server.requests("/elsewhere").size());
  }

  @Test
  void execute_serverError_returnedAsResponseWithBody() throws IOException {
    server.on("/x", Script.status(503).body("text/plain", "down"));

    TransportResponse response = newTransport(NORMAL_TIMEOUT_MILLIS)
        .execute(TransportRequest.get(server.url("/x")));

    assertEquals(503, response.status());
    assertArrayEquals("down".getBytes(UTF_8), response.body());
    assertEquals("text/plain", response.headerOrNull("CONTENT-TYPE"));
  }

  @Test
  void execute_get_sendsAcceptJsonAndNoBody() throws IOException {
    server.on("/x", Script.status(204));

    newTransport(NORMAL_TIMEOUT_MILLIS).execute(TransportRequest.get(server.url("/x?a=1")));

    RecordedRequest request = server.requests("/x").get(0);
    assertEquals("GET", request.method);
    assertEquals("a=1", request.rawQuery);
    assertEquals("application/json", request.header("Accept"));
    assertEquals(0, request.body.length);
  }

  @Test
  void execute_connectionRefused_throwsIoException() throws IOException {
    String url = server.url("/x");
    server.close();

    assertThrows(IOException.class,
        () -> newTransport(NORMAL_TIMEOUT_MILLIS).execute(TransportRequest.get(url)));
  }

  /** Security review finding 13: {@code pkce login: null} on a refused connection. */
  @Test
  void connectionRefused_messageNamesTheUrlAndTheCause() throws IOException {
    String url = server.url("/token");
    server.close();

    IOException e = assertThrows(IOException.class,
        () -> newTransport(NORMAL_TIMEOUT_MILLIS).execute(TransportRequest.get(url)));

    assertTrue(e.getMessage() != null && e.getMessage().startsWith("GET " + url + " failed: "),
        String.valueOf(e.getMessage()));
    assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
    assertTrue(e instanceof java.net.ConnectException, e.getClass().getName());
    assertNoControlCharacters(e.getMessage());
  }

  /**
   * Security review finding 4: a header with escape sequences (the JDK quotes invalid header
   * values in its exception text) never reaches a message raw, whichever way the adapter fails.
   */
  @Test
  void hostileResponseHeader_neverReachesAMessageRaw() {
    server.on("/token", Script.status(400)
        .body("text/html\u001b]0;PWNED\u0007\u001b[2J\u009b", "<html>"));
    PkceLoginFlow flow = flow(ClientAuthentication.none(), "app");

    Exception e = assertThrows(Exception.class,
        () -> exchange(flow, flow.newSession("http://127.0.0.1:4711/callback")));

    assertTrue(e instanceof IOException || e instanceof ResponseRejectedException, e.toString());
    assertNoControlCharacters(e.getMessage());
  }

  /** RFC 9700 section 4.4.2: another issuer's session is refused before anything is sent. */
  @Test
  void exchange_sessionOfAnotherIssuer_sendsNothing() {
    server.on("/token", Script.json(200, "{\"access_token\":\"A\",\"token_type\":\"Bearer\"}"));
    PkceLoginFlow other = PkceLoginFlow.builder(ServerMetadata.builder("https://other.example")
        .authorizationEndpoint("https://other.example/a")
        .tokenEndpoint("https://other.example/t").build(), "app").build();
    PkceLoginFlow flow = flow(ClientAuthentication.none(), "app");
    AuthorizationSession session = other.newSession("http://127.0.0.1:4711/callback");
    AuthorizationResponse response = other.parseRedirect(session,
        session.redirectUri() + "?code=abc&state=" + session.state());

    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.exchange(session, response, newTransport(NORMAL_TIMEOUT_MILLIS)));

    assertEquals(ResponseRejectedException.ISSUER_MISMATCH, e.errorCode());
    assertTrue(server.requests("/token").isEmpty());
  }

  /**
   * A timeout, not another failure (a refused connection is an {@code IOException} too):
   * java.net.http's {@code HttpTimeoutException} (named, as this suite is Java 8) or an {@link
   * InterruptedIOException} such as OkHttp's {@code SocketTimeoutException}.
   */
  protected static void assertTimeout(IOException e) {
    boolean timeout = e instanceof InterruptedIOException;
    for (Class<?> c = e.getClass(); c != null && !timeout; c = c.getSuperclass()) {
      timeout = c.getName().equals("java.net.http.HttpTimeoutException");
    }
    assertTrue(timeout, "expected a timeout, got " + e);
  }

  /** C0, DEL, C1 and the bidirectional controls: none may appear in a message. */
  protected static void assertNoControlCharacters(String message) {
    for (int i = 0; message != null && i < message.length(); i++) {
      char c = message.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
          || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
      assertFalse(control, "control character U+" + Integer.toHexString(c) + " at " + i
          + " in: " + message.replaceAll("[\\p{Cntrl}\\u0080-\\u009f]", "?"));
    }
  }
}
