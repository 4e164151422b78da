package io.github.pkce4j.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.DpopKey;
import io.github.pkce4j.client.DpopProofs;
import io.github.pkce4j.tck.DpopProofChecks;
import io.github.pkce4j.tck.FakeHttpServer;
import io.github.pkce4j.tck.FakeHttpServer.RecordedRequest;
import io.github.pkce4j.tck.FakeHttpServer.Script;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DPoP interceptor against a loopback server; every proof is checked as a resource server
 * would (RFC 9449 section 7.1), with JCA, by {@link DpopProofChecks}.
 */
class DpopInterceptorTest {
  private static final String TOKEN = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
  private static final String NONCE_CHALLENGE =
      "DPoP error=\"use_dpop_nonce\", error_description=\"Resource server requires nonce in DPoP"
          + " proof\"";

  private FakeHttpServer server;
  private DpopProofs proofs;
  private OkHttpClient client;

  @BeforeEach
  void start() throws IOException {
    server = FakeHttpServer.start();
    proofs = DpopProofs.of(DpopKey.generate());
    client = OkHttpTransportContractTest.APP_CLIENT.newBuilder()
        .addInterceptor(DpopInterceptor.create(proofs, () -> TOKEN)).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Response get(String path) throws IOException {
    return client.newCall(new Request.Builder().url(server.url(path)).build()).execute();
  }

  /** What a resource server checks (RFC 9449 section 7.1 and 4.3), for one request. */
  private void assertValidProof(RecordedRequest request, String method, String path)
      throws Exception {
    assertEquals("DPoP " + TOKEN, request.header("Authorization"));
    String proof = request.header("DPoP");
    assertTrue(DpopProofChecks.verifies(proof));
    String claims = DpopProofChecks.claims(proof);
    assertEquals(method, DpopProofChecks.stringMember(claims, "htm"));
    assertEquals(server.url(path), DpopProofChecks.stringMember(claims, "htu"));
    assertEquals(DpopProofChecks.ath(TOKEN), DpopProofChecks.stringMember(claims, "ath"));
    assertEquals(proofs.key().thumbprint(), DpopProofChecks.thumbprint(proof));
  }

  @Test
  void request_carriesDpopAuthorizationAndAFreshProofWithAth() throws Exception {
    server.on("/api/me", Script.json(200, "{}"));

    try (Response response = get("/api/me?fields=a#x")) {
      assertEquals(200, response.code());
    }

    assertValidProof(server.requests("/api/me").get(0), "GET", "/api/me");
    assertEquals("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo", DpopProofChecks.stringMember(
        DpopProofChecks.claims(server.requests("/api/me").get(0).header("DPoP")), "ath"),
        "RFC 9449 section 7.1's example token and ath");
  }

  @Test
  void everyRequest_getsItsOwnProof() throws Exception {
    server.on("/api", Script.json(200, "{}"));
    Set<String> jtis = new HashSet<String>();

    for (int i = 0; i < 5; i++) {
      get("/api").close();
    }

    for (RecordedRequest r : server.requests("/api")) {
      assertTrue(jtis.add(DpopProofChecks.stringMember(DpopProofChecks.claims(r.header("DPoP")),
          "jti")), "a proof was reused");
    }
    assertEquals(5, jtis.size());
  }

  @Test
  void nonceChallenge_retriedExactlyOnceWithTheNonce() throws Exception {
    server.onSequence("/api", Script.status(401).header("WWW-Authenticate", NONCE_CHALLENGE)
        .header("DPoP-Nonce", "rs-nonce-1"), Script.json(200, "{\"ok\":true}"));

    try (Response response = get("/api")) {
      assertEquals(200, response.code());
      assertEquals("{\"ok\":true}", response.body().string());
    }

    List<RecordedRequest> requests = server.requests("/api");
    assertEquals(2, requests.size());
    assertNull(DpopProofChecks.stringMember(DpopProofChecks.claims(requests.get(0)
        .header("DPoP")), "nonce"));
    assertEquals("rs-nonce-1", DpopProofChecks.stringMember(DpopProofChecks.claims(
        requests.get(1).header("DPoP")), "nonce"));
    assertValidProof(requests.get(1), "GET", "/api");
  }

  @Test
  void serverAlwaysChallenges_twoRequestsThenItsAnswer() throws Exception {
    server.on("/api", Script.status(401).header("WWW-Authenticate", NONCE_CHALLENGE)
        .header("DPoP-Nonce", "again"));

    try (Response response = get("/api")) {
      assertEquals(401, response.code());
    }

    assertEquals(2, server.requests("/api").size());
  }

  @Test
  void otherUnauthorized_notRetried() throws Exception {
    server.on("/a", Script.status(401).header("WWW-Authenticate", "DPoP error=\"invalid_token\"")
        .header("DPoP-Nonce", "n"));
    server.on("/b", Script.status(401).header("WWW-Authenticate", NONCE_CHALLENGE));
    server.on("/c", Script.status(400).header("WWW-Authenticate", NONCE_CHALLENGE)
        .header("DPoP-Nonce", "n"));

    get("/a").close();
    get("/b").close();
    get("/c").close();

    assertEquals(1, server.requests("/a").size());
    assertEquals(1, server.requests("/b").size(), "no nonce given: nothing to retry with");
    assertEquals(1, server.requests("/c").size());
  }

  @Test
  void nonceOnASuccess_sentWithTheNextRequestToThatServer() throws Exception {
    server.on("/api", Script.json(200, "{}").header("DPoP-Nonce", "fresh"));

    get("/api").close();
    get("/api").close();

    assertEquals("fresh", DpopProofChecks.stringMember(DpopProofChecks.claims(
        server.requests("/api").get(1).header("DPoP")), "nonce"));
  }

  @Test
  void post_retriedWithTheSameBody() throws Exception {
    server.onSequence("/api", Script.status(401).header("WWW-Authenticate", NONCE_CHALLENGE)
        .header("DPoP-Nonce", "n"), Script.json(200, "{}"));

    client.newCall(new Request.Builder().url(server.url("/api"))
        .post(RequestBody.create("a=1", MediaType.get("application/x-www-form-urlencoded")))
        .build()).execute().close();

    List<RecordedRequest> requests = server.requests("/api");
    assertEquals(2, requests.size());
    assertEquals("a=1", requests.get(1).bodyText());
    assertValidProof(requests.get(1), "POST", "/api");
  }

  @Test
  void oneShotBody_notRetried() throws Exception {
    server.on("/api", Script.status(401).header("WWW-Authenticate", NONCE_CHALLENGE)
        .header("DPoP-Nonce", "n"));
    RequestBody oneShot = new RequestBody() {
      @Override
      public MediaType contentType() {
        return MediaType.get("text/plain");
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.writeUtf8("once");
      }

      @Override
      public boolean isOneShot() {
        return true;
      }
    };

    try (Response response = client.newCall(new Request.Builder().url(server.url("/api"))
        .post(oneShot).build()).execute()) {
      assertEquals(401, response.code());
    }

    assertEquals(1, server.requests("/api").size());
  }

  @Test
  void plainHttpToARemoteHost_failsTheCallBeforeSending() {
    IOException e = assertThrows(IOException.class, () -> client.newCall(
        new Request.Builder().url("http://api.example.com/x?secret=1").build()).execute());
    assertTrue(e.getMessage().startsWith("cannot make a DPoP proof for GET"
        + " http://api.example.com/x: DPoP target URI uses http on host api.example.com"),
        e.getMessage());
  }

  @Test
  void noAccessToken_failsTheCall() {
    OkHttpClient noToken = OkHttpTransportContractTest.APP_CLIENT.newBuilder()
        .addInterceptor(DpopInterceptor.create(proofs, () -> null)).build();
    IOException e = assertThrows(IOException.class,
        () -> noToken.newCall(new Request.Builder().url(server.url("/api")).build()).execute());
    assertEquals("the AccessTokenSource gave no access token", e.getMessage());
    assertTrue(server.requests().isEmpty());
  }

  @Test
  void enqueuedCallWithATokenThatCannotBeSigned_getsOnFailure() throws Exception {
    OkHttpClient bad = OkHttpTransportContractTest.APP_CLIENT.newBuilder()
        .addInterceptor(DpopInterceptor.create(proofs, () -> "two words")).build();
    java.util.concurrent.CompletableFuture<IOException> failure =
        new java.util.concurrent.CompletableFuture<>();
    bad.newCall(new Request.Builder().url(server.url("/api")).build()).enqueue(
        new okhttp3.Callback() {
          @Override
          public void onFailure(okhttp3.Call call, IOException e) {
            failure.complete(e);
          }

          @Override
          public void onResponse(okhttp3.Call call, Response response) {
            response.close();
            failure.complete(null);
          }
        });
    IOException e = failure.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertTrue(e != null && e.getMessage().contains("access token has a character outside"
        + " visible ASCII at index 3"), String.valueOf(e));
  }

  @Test
  void toString_namesTheKeyNeverTheToken() {
    String text = DpopInterceptor.create(proofs, () -> TOKEN).toString();
    assertEquals("DpopInterceptor[" + proofs.key() + "]", text);
    assertFalse(text.contains(TOKEN));
  }
}
