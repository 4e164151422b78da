package io.github.pkce4j.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.ClientAuthentication;
import io.github.pkce4j.client.OAuthErrorException;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.ServerMetadata;
import io.github.pkce4j.client.TokenResponse;
import io.github.pkce4j.client.TransportRequest;
import io.github.pkce4j.client.TransportResponse;
import io.github.pkce4j.tck.FakeHttpServer.Script;
import io.github.pkce4j.tck.FakeHttpServer;
import io.github.pkce4j.tck.TestServers;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link JdkHttpTransport} adds beyond the shared contract: async, cancellation, builder. */
class JdkHttpTransportTest {
  private FakeHttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = FakeHttpServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private PkceLoginFlow flow() {
    return TestServers.flow(server.url(""), ClientAuthentication.none());
  }

  /** RFC 9700 section 4.4.2: another issuer's session is refused at once, nothing is sent. */
  @Test
  void mixUp_exchangeAsyncWithAnotherIssuersSession_sendsNothing() {
    PkceLoginFlow other = PkceLoginFlow.builder(ServerMetadata.builder("https://other.example")
        .authorizationEndpoint("https://other.example/a")
        .tokenEndpoint("https://other.example/t").build(), "app").build();
    AuthorizationSession session = other.newSession("http://127.0.0.1:4711/cb");
    AuthorizationResponse response = other.parseRedirect(session,
        session.redirectUri() + "?code=c&state=" + session.state());

    org.junit.jupiter.api.Assertions.assertThrows(
        io.github.pkce4j.client.ResponseRejectedException.class,
        () -> JdkHttpTransport.create().exchangeAsync(flow(), session, response));

    org.junit.jupiter.api.Assertions.assertTrue(server.requests("/token").isEmpty());
  }

  @Test
  void fullDesktopLogin_throughReceiverAndAsyncExchange() throws Exception {
    server.on("/token", Script.json(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}"));
    PkceLoginFlow flow = flow();
    JdkHttpTransport transport = JdkHttpTransport.create();
    try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
      AuthorizationSession session = flow.newSession(receiver.redirectUri());
      String url = flow.authorizationUrl(session);
      // Play the authorization server's redirect, as the browser would follow it.
      CompletableFuture<TransportResponse> browser = transport.executeAsync(TransportRequest.get(
          session.redirectUri() + "?code=the-code&state=" + session.state()));

      AuthorizationResponse response = receiver.await(flow, session, Duration.ofSeconds(20));
      TokenResponse tokens = transport.exchangeAsync(flow, session, response).get();

      assertTrue(url.contains("code_challenge_method=S256"));
      assertEquals(200, browser.get().status());
      assertEquals("at", tokens.accessToken());
      assertTrue(server.requests("/token").get(0).bodyText().contains("code=the-code"));
    }
  }

  @Test
  void exchangeAsync_oauthError_failsFutureWithOAuthError() throws Exception {
    server.on("/token", Script.json(400, "{\"error\":\"invalid_grant\"}"));
    PkceLoginFlow flow = flow();
    AuthorizationSession s = flow.newSession("http://127.0.0.1:1/cb");
    AuthorizationResponse r = flow.parseRedirect(s, "http://127.0.0.1:1/cb?code=c&state="
        + s.state());

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> JdkHttpTransport.create().exchangeAsync(flow, s, r).get());

    assertTrue(e.getCause() instanceof OAuthErrorException, String.valueOf(e.getCause()));
  }

  @Test
  void executeAsync_cancel_abandonsExchange() {
    server.on("/slow", Script.status(204).delayBeforeHeaders(10_000));
    CompletableFuture<TransportResponse> future =
        JdkHttpTransport.create().executeAsync(TransportRequest.get(server.url("/slow")));

    assertTrue(future.cancel(true));

    assertThrows(CancellationException.class, future::join);
  }

  @Test
  void builder_clientFollowingRedirects_isRefused() {
    HttpClient following = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JdkHttpTransport.builder().httpClient(following));
    assertTrue(e.getMessage().contains("Redirect.NEVER"), e.getMessage());
  }

  @Test
  void builder_ownClient_isUsed() throws Exception {
    server.on("/x", Script.status(204));
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1).build();
    TransportResponse r = JdkHttpTransport.builder().httpClient(client).build()
        .execute(TransportRequest.get(server.url("/x")));
    assertEquals(204, r.status());
  }

  @Test
  void builder_zeroTimeout_isRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> JdkHttpTransport.builder().timeout(Duration.ZERO));
  }
}
