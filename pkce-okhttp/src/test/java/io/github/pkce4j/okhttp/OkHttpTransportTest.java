package io.github.pkce4j.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.PkceException;
import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.ClientAuthentication;
import io.github.pkce4j.client.OAuthErrorException;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.ResponseRejectedException;
import io.github.pkce4j.client.ResponseTooLargeException;
import io.github.pkce4j.client.ServerMetadata;
import io.github.pkce4j.client.TokenResponse;
import io.github.pkce4j.client.TransportRequest;
import io.github.pkce4j.client.TransportResponse;
import io.github.pkce4j.tck.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What is OkHttp-specific about {@link OkHttpTransport}, over a real socket (MockWebServer): the
 * exact bytes of a token request, the caller's client being used and left unchanged, the call
 * timeout, and the {@link Call}/{@link TokenCallback} idiom. The wire contract shared with every
 * adapter is {@link OkHttpTransportContractTest}.
 */
class OkHttpTransportTest {
  private static final String TOKENS =
      "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
  private static final long WAIT_SECONDS = 10;

  private MockWebServer server;
  private final OkHttpClient appClient = OkHttpTransportContractTest.APP_CLIENT;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  private PkceLoginFlow flow(ClientAuthentication authentication) {
    return TestServers.flow(loopback("/"), authentication);
  }

  /**
   * The server's URL with the IP literal: MockWebServer names itself {@code localhost}, which the
   * client's URI rules accept only in redirect URIs (RFC 8252 section 8.3).
   */
  private String loopback(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  /** Enqueues the token exchange of a fresh session; the callback records what happens. */
  private Call enqueueFreshExchange(OkHttpTransport transport,
      ClientAuthentication authentication, RecordingCallback callback) {
    PkceLoginFlow flow = flow(authentication);
    AuthorizationSession session = flow.newSession("http://127.0.0.1:4711/cb");
    return transport.enqueueExchange(flow, session, redirect(flow, session), callback);
  }

  private static AuthorizationResponse redirect(PkceLoginFlow flow, AuthorizationSession session) {
    return flow.parseRedirect(session,
        session.redirectUri() + "?code=SplxlOBeZQQYbYS6WxSbIA&state=" + session.state());
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status)
        .setHeader("Content-Type", "application/json").setBody(body);
  }

  // ---------------------------------------------------------------- the caller's client

  @Test
  void create_sharesConnectionPoolDispatcherAndInterceptorsOfCallersClient() {
    Interceptor interceptor = new Interceptor() {
      @Override
      public Response intercept(Chain chain) throws IOException {
        return chain.proceed(chain.request());
      }
    };
    OkHttpClient client = appClient.newBuilder().addInterceptor(interceptor).build();

    OkHttpClient used = OkHttpTransport.create(client).client();

    assertSame(client.connectionPool(), used.connectionPool());
    assertSame(client.dispatcher(), used.dispatcher());
    assertEquals(client.interceptors(), used.interceptors());
  }

  @Test
  void create_turnsRedirectsOffWithoutChangingCallersClient() {
    OkHttpClient client = appClient.newBuilder().callTimeout(7, TimeUnit.SECONDS).build();

    OkHttpTransport transport = OkHttpTransport.create(client);

    assertFalse(transport.client().followRedirects());
    assertFalse(transport.client().followSslRedirects());
    assertTrue(client.followRedirects(), "the caller's client is not modified");
    assertTrue(client.followSslRedirects());
    assertEquals(7000, client.callTimeoutMillis());
  }

  @Test
  void execute_callersClientFollowsRedirects_permanentRedirectReturnedAsIs()
      throws IOException {
    server.enqueue(new MockResponse().setResponseCode(308)
        .setHeader("Location", "https://127.0.0.1:1/elsewhere"));
    server.enqueue(json(200, TOKENS));
    OkHttpTransport transport = OkHttpTransport.create(appClient);

    TransportResponse response = transport.execute(
        TransportRequest.postForm(server.url("/token").toString(),
            java.util.Collections.singletonMap("a", "b")));

    assertEquals(308, response.status());
    assertEquals("https://127.0.0.1:1/elsewhere", response.headerOrNull("Location"));
    assertEquals(1, server.getRequestCount(), "nothing re-sent");
  }

  @ParameterizedTest(name = "client {0} ms, builder {1} ms -> {2} ms")
  @CsvSource({
      "0, 0, 30000",      // neither: the transport's default, never OkHttp's unbounded default
      "5000, 0, 5000",    // the client's own call timeout is kept
      "5000, 2000, 2000", // an explicit one wins, for this transport only
      "0, 250, 250",
  })
  void build_callTimeout_comesFromBuilderElseClientElseDefault(long clientMillis,
      long builderMillis, long expectedMillis) {
    OkHttpClient client =
        appClient.newBuilder().callTimeout(clientMillis, TimeUnit.MILLISECONDS).build();
    OkHttpTransport.Builder builder = OkHttpTransport.builder(client);
    if (builderMillis > 0) {
      builder.callTimeout(builderMillis, TimeUnit.MILLISECONDS);
    }

    OkHttpTransport transport = builder.build();

    assertEquals(expectedMillis, transport.client().callTimeoutMillis());
    assertEquals(clientMillis, client.callTimeoutMillis());
  }

  @Test
  void builderCallTimeout_subMillisecond_roundsUpToOneMillisecondNotToNone() {
    OkHttpTransport transport =
        OkHttpTransport.builder(appClient).callTimeout(10, TimeUnit.MICROSECONDS).build();

    assertEquals(1, transport.client().callTimeoutMillis());
  }

  @ParameterizedTest
  @CsvSource({"0", "-1"})
  void builderCallTimeout_notPositive_throwsNamingTheRule(long timeout) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OkHttpTransport.builder(appClient).callTimeout(timeout, TimeUnit.SECONDS));

    assertEquals("callTimeout is " + timeout + " SECONDS; it must be positive (a token request"
        + " must not wait forever)", e.getMessage());
  }

  @Test
  void create_nullClient_throws() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> OkHttpTransport.create(null));

    assertEquals("client", e.getMessage());
  }

  @Test
  void execute_callersApplicationInterceptorSeesTheTokenRequest() throws IOException {
    final List<Request> seen = new CopyOnWriteArrayList<Request>();
    OkHttpClient client = appClient.newBuilder().addInterceptor(new Interceptor() {
      @Override
      public Response intercept(Chain chain) throws IOException {
        seen.add(chain.request());
        return chain.proceed(chain.request());
      }
    }).build();
    server.enqueue(json(200, TOKENS));
    PkceLoginFlow flow = flow(ClientAuthentication.none());
    AuthorizationSession session = flow.newSession("http://127.0.0.1:4711/cb");

    flow.exchange(session, redirect(flow, session), OkHttpTransport.create(client));

    assertEquals(1, seen.size());
    assertEquals(loopback("/token"), seen.get(0).url().toString());
    assertNotNull(seen.get(0).tag(TransportRequest.class), "tagged with the pkce4j request");
  }

  // ---------------------------------------------------------------- exact wire format

  @Test
  void exchange_publicClient_sendsExactlyTheseBytesAndHeaders() throws Exception {
    server.enqueue(json(200, TOKENS));
    PkceLoginFlow flow = flow(ClientAuthentication.none());
    AuthorizationSession session = flow.newSession("http://127.0.0.1:4711/cb");

    TokenResponse tokens =
        flow.exchange(session, redirect(flow, session), OkHttpTransport.create(appClient));

    assertEquals("at-1", tokens.accessToken());
    RecordedRequest request = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals("POST /token HTTP/1.1", request.getRequestLine());
    String expectedBody = "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA"
        + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A4711%2Fcb&client_id=app&code_verifier="
        + session.codeVerifier().value();
    assertEquals(expectedBody, request.getBody().readUtf8());
    assertEquals("application/x-www-form-urlencoded", request.getHeader("Content-Type"),
        "no charset parameter appended");
    assertEquals("application/json", request.getHeader("Accept"));
    assertEquals(String.valueOf(expectedBody.length()), request.getHeader("Content-Length"));
    Set<String> names = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(request.getHeaders().names());
    Set<String> expected = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
    // Accept and Content-Type from pkce4j; the rest are OkHttp's own protocol headers.
    expected.addAll(Arrays.asList("Accept", "Content-Type", "Content-Length", "Host",
        "Connection", "Accept-Encoding", "User-Agent"));
    assertEquals(expected, names, "nothing else, in particular no Authorization");
  }

  @Test
  void execute_get_sendsNoBodyAndTheQueryAsGiven() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));

    TransportResponse response = OkHttpTransport.create(appClient)
        .execute(TransportRequest.get(server.url("/meta").toString() + "?a=%2F&b=c+d"));

    assertEquals(204, response.status());
    assertEquals(0, response.bodyLength());
    RecordedRequest request = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals("GET /meta?a=%2F&b=c+d HTTP/1.1", request.getRequestLine());
    assertEquals(0, request.getBodySize());
    assertNull(request.getHeader("Content-Type"));
  }

  @Test
  void execute_gzipBombUnderLimitCompressed_throwsResponseTooLargeOnDecodedBytes()
      throws IOException {
    // 4 MiB of zeros compress to a few KiB: the bound must apply to what OkHttp decodes.
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    GZIPOutputStream gzip = new GZIPOutputStream(compressed);
    gzip.write(new byte[4 * 1024 * 1024]);
    gzip.close();
    assertTrue(compressed.size() < TransportRequest.DEFAULT_MAX_RESPONSE_BYTES);
    server.enqueue(new MockResponse().setResponseCode(200)
        .setHeader("Content-Encoding", "gzip")
        .setBody(new Buffer().write(compressed.toByteArray())));
    OkHttpTransport transport = OkHttpTransport.create(appClient);

    ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class,
        () -> transport.execute(TransportRequest.get(server.url("/meta").toString())));

    assertEquals(TransportRequest.DEFAULT_MAX_RESPONSE_BYTES, e.limit());
  }

  @Test
  void execute_gzipBodyWithinLimit_isDecoded() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    GZIPOutputStream gzip = new GZIPOutputStream(compressed);
    gzip.write(TOKENS.getBytes("UTF-8"));
    gzip.close();
    server.enqueue(new MockResponse().setResponseCode(200)
        .setHeader("Content-Encoding", "gzip").setHeader("Content-Type", "application/json")
        .setBody(new Buffer().write(compressed.toByteArray())));

    TransportResponse response = OkHttpTransport.create(appClient)
        .execute(TransportRequest.get(server.url("/meta").toString()));

    assertEquals(TOKENS, new String(response.body(), "UTF-8"));
  }

  @Test
  void execute_statusOutsideRfc9110Range_throwsProtocolException() {
    server.enqueue(new MockResponse().setStatus("HTTP/1.1 999 Weird"));
    OkHttpTransport transport = OkHttpTransport.create(appClient);

    ProtocolException e = assertThrows(ProtocolException.class,
        () -> transport.execute(TransportRequest.get(server.url("/meta").toString())));

    assertEquals("HTTP status 999 from " + server.url("/meta")
        + " is outside 100..599 (RFC 9110 §15)", e.getMessage());
  }

  // ---------------------------------------------------------------- Call and readResponse

  @Test
  void newTokenCall_executedByCaller_readsIntoTokens() throws IOException {
    server.enqueue(json(200, TOKENS));
    PkceLoginFlow flow = flow(ClientAuthentication.none());
    AuthorizationSession session = flow.newSession("http://127.0.0.1:4711/cb");
    OkHttpTransport transport = OkHttpTransport.create(appClient);

    Call call = transport.newTokenCall(flow, session, redirect(flow, session));
    assertEquals(0, server.getRequestCount(), "not started until the caller runs it");
    TokenResponse tokens = flow.tokenResponse(OkHttpTransport.readResponse(call.execute()));

    assertEquals("at-1", tokens.accessToken());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void newCall_smallerBound_isHonouredByReadResponse() throws IOException {
    server.enqueue(new MockResponse().setResponseCode(200).setBody(repeat('x', 101)));
    OkHttpTransport transport = OkHttpTransport.create(appClient);
    Call call = transport.newCall(
        TransportRequest.get(server.url("/meta").toString()).withMaxResponseBytes(100));
    final Response response = call.execute();

    ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class,
        () -> OkHttpTransport.readResponse(response));

    assertEquals(100, e.limit());
  }

  @Test
  void readResponse_callNotMadeByTransport_usesDefaultBoundAndHidesQuery() throws IOException {
    server.enqueue(new MockResponse().setResponseCode(200)
        .setBody(repeat('x', TransportRequest.DEFAULT_MAX_RESPONSE_BYTES + 1)));
    final Response response = appClient.newCall(
        new Request.Builder().url(server.url("/meta?secret=s3cr3t")).build()).execute();

    ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class,
        () -> OkHttpTransport.readResponse(response));

    assertEquals(TransportRequest.DEFAULT_MAX_RESPONSE_BYTES, e.limit());
    assertTrue(e.getMessage().contains(server.url("/meta").toString()), e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
  }

  // ---------------------------------------------------------------- enqueueExchange

  @Test
  void enqueueExchange_success_callsOnTokensOnDispatcherThread() throws Exception {
    server.enqueue(json(200, TOKENS));
    RecordingCallback callback = new RecordingCallback();

    Call call = enqueueFreshExchange(OkHttpTransport.create(appClient),
        ClientAuthentication.none(), callback);

    callback.await();
    assertEquals(Arrays.asList("onTokens"), callback.events);
    assertSame(call, callback.call);
    assertEquals("at-1", callback.tokens.accessToken());
    assertEquals(Long.valueOf(3600), callback.tokens.expiresInOrNull());
    assertFalse(callback.thread == Thread.currentThread());
  }

  @Test
  void enqueueExchange_invalidGrant_callsOnRejectedWithOAuthError() throws Exception {
    server.enqueue(json(400, "{\"error\":\"invalid_grant\","
        + "\"error_description\":\"code_verifier does not match\"}"));
    RecordingCallback callback = new RecordingCallback();

    enqueueFreshExchange(OkHttpTransport.create(appClient),
        ClientAuthentication.none(), callback);

    callback.await();
    assertEquals(Arrays.asList("onRejected"), callback.events);
    OAuthErrorException error = assertInstanceOf(OAuthErrorException.class, callback.rejected);
    assertEquals("invalid_grant", error.errorCode());
    assertEquals(400, error.httpStatus());
  }

  @Test
  void enqueueExchange_htmlPage_callsOnRejectedWithInvalidResponse() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200)
        .setHeader("Content-Type", "text/html").setBody("<html>sign in</html>"));
    RecordingCallback callback = new RecordingCallback();

    enqueueFreshExchange(OkHttpTransport.create(appClient),
        ClientAuthentication.none(), callback);

    callback.await();
    assertEquals(Arrays.asList("onRejected"), callback.events);
    ResponseRejectedException error =
        assertInstanceOf(ResponseRejectedException.class, callback.rejected);
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, error.errorCode());
  }

  @Test
  void enqueueExchange_redirect_callsOnRejectedAndFollowsNothing() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(307)
        .setHeader("Location", server.url("/elsewhere")));
    server.enqueue(json(200, TOKENS));
    RecordingCallback callback = new RecordingCallback();

    enqueueFreshExchange(OkHttpTransport.create(appClient),
        ClientAuthentication.clientSecretPost("s3cret"), callback);

    callback.await();
    assertEquals(Arrays.asList("onRejected"), callback.events);
    assertTrue(callback.rejected.getMessage().contains("HTTP 307"),
        callback.rejected.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void enqueueExchange_hugeBody_callsOnFailureWithResponseTooLarge() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setChunkedBody(repeat(' ', TransportRequest.DEFAULT_MAX_RESPONSE_BYTES + 1), 8192));
    RecordingCallback callback = new RecordingCallback();

    enqueueFreshExchange(OkHttpTransport.create(appClient),
        ClientAuthentication.none(), callback);

    callback.await();
    assertEquals(Arrays.asList("onFailure"), callback.events);
    assertInstanceOf(ResponseTooLargeException.class, callback.failure);
  }

  @Test
  void enqueueExchange_cancelledWhileServerThinks_callsOnFailureWithCallCancelled()
      throws Exception {
    // Nothing enqueued: MockWebServer holds the request unanswered until shutdown.
    RecordingCallback callback = new RecordingCallback();
    Call call = enqueueFreshExchange(OkHttpTransport.create(appClient),
        ClientAuthentication.none(), callback);
    assertNotNull(server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS), "the request arrived");

    call.cancel();

    callback.await();
    assertEquals(Arrays.asList("onFailure"), callback.events);
    assertTrue(callback.call.isCanceled());
    assertNull(callback.tokens);
  }

  @Test
  void enqueueExchange_serverSilent_timesOutWithOnFailure() throws Exception {
    RecordingCallback callback = new RecordingCallback();

    enqueueFreshExchange(
        OkHttpTransport.builder(appClient).callTimeout(300, TimeUnit.MILLISECONDS).build(),
        ClientAuthentication.none(), callback);

    callback.await();
    assertEquals(Arrays.asList("onFailure"), callback.events);
    assertInstanceOf(InterruptedIOException.class, callback.failure);
  }

  @Test
  void enqueueExchange_statusOutsideRfc9110Range_callsOnFailureInsteadOfThrowingOnDispatcher()
      throws Exception {
    server.enqueue(new MockResponse().setStatus("HTTP/1.1 999 Weird"));
    RecordingCallback callback = new RecordingCallback();

    enqueueFreshExchange(OkHttpTransport.create(appClient),
        ClientAuthentication.none(), callback);

    callback.await();
    assertEquals(Arrays.asList("onFailure"), callback.events);
    assertInstanceOf(ProtocolException.class, callback.failure);
  }

  @Test
  void enqueueExchange_connectionRefused_callsOnFailure() throws Exception {
    server.shutdown();
    RecordingCallback callback = new RecordingCallback();

    enqueueFreshExchange(OkHttpTransport.create(appClient),
        ClientAuthentication.none(), callback);

    callback.await();
    assertEquals(Arrays.asList("onFailure"), callback.events);
    assertNotNull(callback.failure);
  }

  @Test
  void enqueueExchange_nullCallback_throwsAndSendsNothing() {
    final PkceLoginFlow flow = flow(ClientAuthentication.none());
    final AuthorizationSession session = flow.newSession("http://127.0.0.1:4711/cb");
    final AuthorizationResponse response = redirect(flow, session);
    final OkHttpTransport transport = OkHttpTransport.create(appClient);

    NullPointerException e = assertThrows(NullPointerException.class,
        () -> transport.enqueueExchange(flow, session, response, null));

    assertEquals("callback", e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  /** RFC 9700 section 4.4.2: another issuer's session is refused at once, nothing is sent. */
  @Test
  void mixUp_enqueueExchangeAndNewTokenCallWithAnotherIssuersSession_sendNothing() {
    PkceLoginFlow other = PkceLoginFlow.builder(ServerMetadata.builder("https://other.example")
        .authorizationEndpoint("https://other.example/a")
        .tokenEndpoint("https://other.example/t").build(), "app").build();
    final AuthorizationSession session = other.newSession("http://127.0.0.1:4711/cb");
    final AuthorizationResponse response = redirect(other, session);
    final PkceLoginFlow flow = flow(ClientAuthentication.none());
    final OkHttpTransport transport = OkHttpTransport.create(appClient);

    assertThrows(ResponseRejectedException.class,
        () -> transport.enqueueExchange(flow, session, response, new RecordingCallback()));
    assertThrows(ResponseRejectedException.class,
        () -> transport.newTokenCall(flow, session, response));

    assertEquals(0, server.getRequestCount());
    assertFalse(session.exchangeStarted());
  }

  @Test
  void toString_showsTimeoutOnly() {
    assertEquals("OkHttpTransport[callTimeout=30000 ms]",
        OkHttpTransport.create(appClient).toString());
  }

  private static String repeat(char c, int n) {
    char[] chars = new char[n];
    Arrays.fill(chars, c);
    return new String(chars);
  }

  /** Records every callback, to check that exactly one method is called once. */
  static final class RecordingCallback implements TokenCallback {
    final List<String> events = new CopyOnWriteArrayList<String>();
    private final CountDownLatch done = new CountDownLatch(1);
    volatile Call call;
    volatile Thread thread;
    volatile TokenResponse tokens;
    volatile PkceException rejected;
    volatile IOException failure;

    @Override
    public void onTokens(Call call, TokenResponse tokens) {
      this.tokens = tokens;
      record("onTokens", call);
    }

    @Override
    public void onRejected(Call call, PkceException error) {
      this.rejected = error;
      record("onRejected", call);
    }

    @Override
    public void onFailure(Call call, IOException failure) {
      this.failure = failure;
      record("onFailure", call);
    }

    private void record(String event, Call call) {
      this.call = call;
      this.thread = Thread.currentThread();
      events.add(event);
      done.countDown();
    }

    void await() throws InterruptedException {
      assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS), "no callback within "
          + WAIT_SECONDS + " s");
      Thread.sleep(50); // a second, wrong call would show up in events by now
    }
  }
}
