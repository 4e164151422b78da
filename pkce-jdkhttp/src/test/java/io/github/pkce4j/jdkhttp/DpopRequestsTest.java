package io.github.pkce4j.jdkhttp;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DPoP API calls on java.net.http against a loopback server that checks every proof with JCA. */
class DpopRequestsTest {
  private static final String TOKEN = "at.dpop-bound~token";
  private static final String NONCE_CHALLENGE = "DPoP error=\"use_dpop_nonce\"";

  private FakeHttpServer server;
  private DpopProofs proofs;
  private DpopRequests api;

  @BeforeEach
  void start() throws IOException {
    server = FakeHttpServer.start();
    proofs = DpopProofs.of(DpopKey.generate());
    api = DpopRequests.create(HttpClient.newHttpClient(), proofs);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(server.url(path))).header("Accept", "text/plain")
        .header("Authorization", "Bearer stale").timeout(Duration.ofSeconds(10)).build();
  }

  private void assertValidProof(RecordedRequest request, String method, String path)
      throws Exception {
    assertEquals("DPoP " + TOKEN, request.header("Authorization"));
    assertEquals(1, request.headers.get("authorization").size(), "the caller's header replaced");
    String proof = request.header("DPoP");
    assertTrue(DpopProofChecks.verifies(proof));
    String claims = DpopProofChecks.claims(proof);
    assertEquals(method, DpopProofChecks.stringMember(claims, "htm"));
    assertEquals(server.url(path), DpopProofChecks.stringMember(claims, "htu"));
    assertEquals(DpopProofChecks.ath(TOKEN), DpopProofChecks.stringMember(claims, "ath"));
    assertEquals(proofs.key().thumbprint(), DpopProofChecks.thumbprint(proof));
  }

  @Test
  void send_carriesDpopAuthorizationAndAFreshProofWithAth() throws Exception {
    server.on("/me", Script.status(200).body("text/plain", "hi"));

    HttpResponse<String> response = api.send(get("/me?x=1"), TOKEN,
        HttpResponse.BodyHandlers.ofString());

    assertEquals("hi", response.body());
    RecordedRequest request = server.requests("/me").get(0);
    assertValidProof(request, "GET", "/me");
    assertEquals("text/plain", request.header("Accept"), "the caller's other headers kept");
  }

  @Test
  void send_nonceChallenge_retriedExactlyOnce() throws Exception {
    server.onSequence("/me", Script.status(401).header("WWW-Authenticate", NONCE_CHALLENGE)
        .header("DPoP-Nonce", "rs-1"), Script.status(200).body("text/plain", "ok"));

    HttpResponse<String> response = api.send(get("/me"), TOKEN,
        HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    List<RecordedRequest> requests = server.requests("/me");
    assertEquals(2, requests.size());
    assertNull(DpopProofChecks.stringMember(DpopProofChecks.claims(requests.get(0)
        .header("DPoP")), "nonce"));
    assertEquals("rs-1", DpopProofChecks.stringMember(DpopProofChecks.claims(requests.get(1)
        .header("DPoP")), "nonce"));
    assertValidProof(requests.get(1), "GET", "/me");
  }

  @Test
  void sendAsync_nonceChallenge_retriedExactlyOnceWithTheSameBody() throws Exception {
    server.onSequence("/me", Script.status(401).header("WWW-Authenticate", NONCE_CHALLENGE)
        .header("DPoP-Nonce", "rs-2"), Script.status(200).body("text/plain", "ok"));
    HttpRequest post = HttpRequest.newBuilder(URI.create(server.url("/me")))
        .POST(HttpRequest.BodyPublishers.ofString("a=1")).build();

    HttpResponse<String> response =
        api.sendAsync(post, TOKEN, HttpResponse.BodyHandlers.ofString()).get();

    assertEquals("ok", response.body());
    List<RecordedRequest> requests = server.requests("/me");
    assertEquals(2, requests.size());
    assertEquals("a=1", requests.get(1).bodyText());
    assertValidProof(requests.get(1), "POST", "/me");
  }

  @Test
  void serverAlwaysChallenges_twoRequestsThenItsAnswer() throws Exception {
    server.on("/me", Script.status(401).header("WWW-Authenticate", NONCE_CHALLENGE)
        .header("DPoP-Nonce", "again"));

    assertEquals(401, api.send(get("/me"), TOKEN, HttpResponse.BodyHandlers.discarding())
        .statusCode());
    assertEquals(401, api.sendAsync(get("/me"), TOKEN, HttpResponse.BodyHandlers.discarding())
        .get().statusCode());

    assertEquals(4, server.requests("/me").size());
  }

  @Test
  void otherAnswers_notRetried_butTheirNonceRemembered() throws Exception {
    server.on("/a", Script.status(401).header("WWW-Authenticate", "DPoP error=\"invalid_token\"")
        .header("DPoP-Nonce", "from-a"));
    server.on("/b", Script.status(401).header("WWW-Authenticate", NONCE_CHALLENGE));
    server.on("/c", Script.status(403).header("WWW-Authenticate", NONCE_CHALLENGE)
        .header("DPoP-Nonce", "from-c"));

    api.send(get("/a"), TOKEN, HttpResponse.BodyHandlers.discarding());
    api.send(get("/b"), TOKEN, HttpResponse.BodyHandlers.discarding());
    api.send(get("/c"), TOKEN, HttpResponse.BodyHandlers.discarding());

    assertEquals(1, server.requests("/a").size());
    assertEquals(1, server.requests("/b").size());
    assertEquals(1, server.requests("/c").size());
    assertEquals("from-c", proofs.nonceOrNull(server.url("/")));
  }

  @Test
  void everyRequest_getsItsOwnProof() throws Exception {
    server.on("/me", Script.status(204));
    Set<String> jtis = new HashSet<String>();
    for (int i = 0; i < 5; i++) {
      api.send(get("/me"), TOKEN, HttpResponse.BodyHandlers.discarding());
    }
    for (RecordedRequest r : server.requests("/me")) {
      assertTrue(jtis.add(DpopProofChecks.stringMember(DpopProofChecks.claims(r.header("DPoP")),
          "jti")));
    }
  }

  @Test
  void sign_remoteHttpOrBadToken_refusedBeforeSending() {
    assertThrows(IllegalArgumentException.class, () -> api.sign(
        HttpRequest.newBuilder(URI.create("http://api.example.com/")).build(), TOKEN));
    assertThrows(IllegalArgumentException.class, () -> api.sign(get("/"), "two words"));
  }

  @Test
  void toString_namesTheKeyOnly() {
    assertEquals("DpopRequests[" + proofs.key() + "]", api.toString());
    assertFalse(api.toString().contains(TOKEN));
  }
}
