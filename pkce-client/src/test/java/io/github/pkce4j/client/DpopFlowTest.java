package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.internal.UrlEncoding;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DPoP in the login flow (RFC 9449 sections 5, 8 and 10) against an in-memory transport. */
class DpopFlowTest {
  private static final DpopKey KEY = DpopKey.generate();
  private static final String TOKEN = Fixtures.ISSUER + "/token";
  private static final String DPOP_TOKENS =
      "{\"access_token\":\"at-1\",\"token_type\":\"DPoP\",\"refresh_token\":\"rt-1\"}";
  private static final String BEARER_TOKENS = "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}";
  private static final String USE_DPOP_NONCE =
      "{\"error\":\"use_dpop_nonce\",\"error_description\":\"Authorization server requires nonce"
          + " in DPoP proof\"}";

  /** Answers each request with the next scripted response, recording the requests. */
  static final class ScriptedTransport implements HttpTransport {
    final Deque<TransportResponse> answers = new ArrayDeque<TransportResponse>();
    final List<TransportRequest> requests = new ArrayList<TransportRequest>();

    ScriptedTransport then(int status, String body, String... headers) {
      Map<String, List<String>> map = new LinkedHashMap<String, List<String>>();
      map.put("Content-Type", Collections.singletonList("application/json"));
      for (int i = 0; i < headers.length; i += 2) {
        map.put(headers[i], Collections.singletonList(headers[i + 1]));
      }
      answers.add(TransportResponse.of(status, map, body.getBytes(UrlEncoding.UTF_8)));
      return this;
    }

    @Override
    public TransportResponse execute(TransportRequest request) throws IOException {
      requests.add(request);
      return answers.isEmpty() ? Fixtures.response(500, null, "") : answers.remove();
    }
  }

  private static ServerMetadata metadata(String... dpopAlgorithms) {
    ServerMetadata.Builder b = ServerMetadata.builder(Fixtures.ISSUER)
        .authorizationEndpoint(Fixtures.ISSUER + "/authorize")
        .tokenEndpoint(TOKEN);
    if (dpopAlgorithms.length > 0) {
      b.dpopSigningAlgValuesSupported(Arrays.asList(dpopAlgorithms));
    }
    return b.build();
  }

  private static PkceLoginFlow required(DpopProofs proofs) {
    return PkceLoginFlow.builder(metadata(), "client-1").dpop(proofs).build();
  }

  private static TokenResponse exchange(PkceLoginFlow flow, HttpTransport transport)
      throws IOException {
    AuthorizationSession session = flow.newSession(Fixtures.REDIRECT);
    AuthorizationResponse response = flow.parseRedirect(session,
        Fixtures.REDIRECT + "?code=c-1&state=" + session.state());
    return flow.exchange(session, response, transport);
  }

  private static DpopTestSupport.Proof proofOf(TransportRequest request) {
    String proof = request.headers().get("DPoP");
    assertTrue(proof != null, "the request has a DPoP header");
    return new DpopTestSupport.Proof(proof);
  }

  private static Map<String, List<String>> query(String url) {
    return UrlEncoding.decodeQuery(url.substring(url.indexOf('?') + 1));
  }

  // ---------------------------------------------------------------- authorization request

  @Test
  void authorizationUrl_withDpop_carriesDpopJktPerRfc9449Section10() {
    PkceLoginFlow flow = required(DpopProofs.of(KEY));

    Map<String, List<String>> query = query(flow.authorizationUrl(flow.newSession(Fixtures.REDIRECT)));

    assertEquals(Collections.singletonList(KEY.thumbprint()), query.get("dpop_jkt"));
    List<String> names = new ArrayList<String>(query.keySet());
    assertEquals(names.indexOf("code_challenge_method") + 1, names.indexOf("dpop_jkt"));
  }

  @Test
  void authorizationUrl_withoutDpop_hasNoDpopJkt() {
    PkceLoginFlow flow = Fixtures.flow();
    assertFalse(query(flow.authorizationUrl(flow.newSession(Fixtures.REDIRECT)))
        .containsKey("dpop_jkt"));
    assertNull(flow.dpopProofsOrNull());
  }

  @Test
  void authorizationParameter_dpopJkt_isTheFlowsOwn() {
    assertThrows(IllegalArgumentException.class, () -> PkceLoginFlow.builder(metadata(), "c")
        .authorizationParameter("dpop_jkt", "x"));
  }

  // ---------------------------------------------------------------- token request

  @Test
  void exchange_withDpop_tokenRequestCarriesAFreshVerifiableProof() throws Exception {
    ScriptedTransport transport = new ScriptedTransport().then(200, DPOP_TOKENS);
    PkceLoginFlow flow = required(DpopProofs.of(KEY));

    TokenResponse tokens = exchange(flow, transport);

    assertEquals("DPoP", tokens.tokenType());
    assertEquals(1, transport.requests.size());
    DpopTestSupport.Proof proof = proofOf(transport.requests.get(0));
    assertTrue(proof.verifies());
    assertEquals("POST", proof.claims.get("htm"));
    assertEquals(TOKEN, proof.claims.get("htu"));
    assertFalse(proof.claims.containsKey("ath"), "no access token goes with a token request");
    assertFalse(proof.claims.containsKey("nonce"));
    assertEquals(KEY.publicKey().getW(), DpopTestSupport.publicKey(proof.jwk()).getW());
  }

  @Test
  void exchange_withoutDpop_sendsNoDpopHeader() throws Exception {
    ScriptedTransport transport = new ScriptedTransport().then(200, BEARER_TOKENS);

    exchange(Fixtures.flow(), transport);

    assertFalse(transport.requests.get(0).headers().containsKey("DPoP"));
  }

  @Test
  void exchange_dpopRequiredButBearerIssued_refusedCitingRfc9449Section5() {
    ScriptedTransport transport = new ScriptedTransport().then(200, BEARER_TOKENS);

    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchange(required(DpopProofs.of(KEY)), transport));

    assertEquals(ResponseRejectedException.TOKEN_NOT_BOUND, e.errorCode());
    assertEquals("token endpoint answered token_type Bearer to a request with a DPoP proof; RFC"
        + " 9449 section 5 requires token_type DPoP for a DPoP-bound token, and this flow"
        + " requires DPoP, so the token is refused (check that the client is registered for DPoP"
        + " at the server)", e.description());
  }

  @Test
  void exchange_tokenTypeComparedCaseInsensitively() throws Exception {
    ScriptedTransport transport = new ScriptedTransport()
        .then(200, "{\"access_token\":\"a\",\"token_type\":\"dpop\"}");
    assertEquals("dpop", exchange(required(DpopProofs.of(KEY)), transport).tokenType());
  }

  @Test
  void exchange_hostileTokenType_neverReachesTheMessageRaw() {
    ScriptedTransport transport = new ScriptedTransport()
        .then(200, "{\"access_token\":\"a\",\"token_type\":\"B\\u001b[2Jx\"}");
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> exchange(required(DpopProofs.of(KEY)), transport));
    assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
  }

  @Test
  void exchange_ifSupportedAndServerAdvertisesEs256_usesDpopButAcceptsBearer() throws Exception {
    DpopProofs proofs = DpopProofs.of(KEY);
    PkceLoginFlow flow = PkceLoginFlow.builder(metadata("RS256", "ES256"), "client-1")
        .dpopIfSupported(proofs).build();
    ScriptedTransport transport = new ScriptedTransport().then(200, BEARER_TOKENS);

    TokenResponse tokens = exchange(flow, transport);

    assertSame(proofs, flow.dpopProofsOrNull());
    assertTrue(transport.requests.get(0).headers().containsKey("DPoP"));
    assertTrue(tokens.isBearer());
  }

  @Test
  void ifSupported_serverWithoutEs256OrWithoutTheList_noDpop() throws Exception {
    for (ServerMetadata metadata : Arrays.asList(metadata(), metadata("RS256"))) {
      PkceLoginFlow flow = PkceLoginFlow.builder(metadata, "client-1")
          .dpopIfSupported(DpopProofs.of(KEY)).build();
      ScriptedTransport transport = new ScriptedTransport().then(200, BEARER_TOKENS);

      exchange(flow, transport);

      assertNull(flow.dpopProofsOrNull());
      assertFalse(transport.requests.get(0).headers().containsKey("DPoP"));
      assertFalse(flow.authorizationUrl(flow.newSession(Fixtures.REDIRECT)).contains("dpop_jkt"));
    }
  }

  @Test
  void required_serverListsOtherAlgorithmsOnly_buildRefuses() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> PkceLoginFlow.builder(metadata("RS256", "PS256"), "c").dpop(DpopProofs.of(KEY))
            .build());
    assertEquals("the server's dpop_signing_alg_values_supported [RS256, PS256] lacks ES256,"
        + " which pkce4j signs DPoP proofs with (RFC 9449 section 5.1)", e.getMessage());
  }

  @Test
  void required_serverWithoutTheList_usesDpop() {
    PkceLoginFlow flow = required(DpopProofs.of(KEY));
    assertTrue(flow.dpopProofsOrNull() != null);
    assertTrue(PkceLoginFlow.builder(metadata("ES256"), "c").dpop(DpopProofs.of(KEY)).build()
        .dpopProofsOrNull() != null);
  }

  @Test
  void lastDpopOptionWins() {
    PkceLoginFlow flow = PkceLoginFlow.builder(metadata(), "c").dpop(DpopProofs.of(KEY))
        .dpopIfSupported(DpopProofs.of(KEY)).build();
    assertNull(flow.dpopProofsOrNull());
  }

  // ---------------------------------------------------------------- nonce (RFC 9449 section 8)

  @Test
  void exchange_useDpopNonce_retriedExactlyOnceWithTheNonceInAFreshProof() throws Exception {
    ScriptedTransport transport = new ScriptedTransport()
        .then(400, USE_DPOP_NONCE, "DPoP-Nonce", "eyJ7S_zG.9-server-nonce")
        .then(200, DPOP_TOKENS);

    TokenResponse tokens = exchange(required(DpopProofs.of(KEY)), transport);

    assertEquals("at-1", tokens.accessToken());
    assertEquals(2, transport.requests.size());
    TransportRequest first = transport.requests.get(0);
    TransportRequest retry = transport.requests.get(1);
    assertFalse(proofOf(first).claims.containsKey("nonce"));
    DpopTestSupport.Proof proof = proofOf(retry);
    assertEquals("eyJ7S_zG.9-server-nonce", proof.claims.get("nonce"));
    assertTrue(proof.verifies());
    assertNotEquals(proofOf(first).claims.get("jti"), proof.claims.get("jti"));
    assertEquals(new String(first.bodyOrNull(), UrlEncoding.UTF_8),
        new String(retry.bodyOrNull(), UrlEncoding.UTF_8), "the same form, verifier included");
    assertEquals(first.url(), retry.url());
  }

  @Test
  void exchange_serverAsksForANonceEveryTime_stopsAfterOneRetry() {
    ScriptedTransport transport = new ScriptedTransport()
        .then(400, USE_DPOP_NONCE, "DPoP-Nonce", "n1")
        .then(400, USE_DPOP_NONCE, "DPoP-Nonce", "n2")
        .then(200, DPOP_TOKENS);

    OAuthErrorException e = assertThrows(OAuthErrorException.class,
        () -> exchange(required(DpopProofs.of(KEY)), transport));

    assertEquals("use_dpop_nonce", e.errorCode());
    assertEquals(2, transport.requests.size());
  }

  @Test
  void exchange_useDpopNonceWithoutANonce_notRetried() {
    ScriptedTransport transport = new ScriptedTransport().then(400, USE_DPOP_NONCE)
        .then(200, DPOP_TOKENS);

    assertThrows(OAuthErrorException.class, () -> exchange(required(DpopProofs.of(KEY)), transport));

    assertEquals(1, transport.requests.size());
  }

  @Test
  void exchange_useDpopNonceWithAMalformedNonce_notRetried() {
    ScriptedTransport transport = new ScriptedTransport()
        .then(400, USE_DPOP_NONCE, "DPoP-Nonce", "two words").then(200, DPOP_TOKENS);

    assertThrows(OAuthErrorException.class, () -> exchange(required(DpopProofs.of(KEY)), transport));

    assertEquals(1, transport.requests.size());
  }

  @Test
  void exchange_otherErrorWithANonce_notRetriedButNonceRemembered() {
    DpopProofs proofs = DpopProofs.of(KEY);
    ScriptedTransport transport = new ScriptedTransport()
        .then(400, "{\"error\":\"invalid_grant\"}", "DPoP-Nonce", "n-remembered");

    OAuthErrorException e =
        assertThrows(OAuthErrorException.class, () -> exchange(required(proofs), transport));

    assertEquals("invalid_grant", e.errorCode());
    assertEquals(1, transport.requests.size());
    assertEquals("n-remembered", proofs.nonceOrNull(TOKEN));
  }

  @Test
  void exchange_useDpopNonceWithAnotherStatus_notRetried() {
    ScriptedTransport transport = new ScriptedTransport()
        .then(401, USE_DPOP_NONCE, "DPoP-Nonce", "n").then(200, DPOP_TOKENS);

    assertThrows(OAuthErrorException.class, () -> exchange(required(DpopProofs.of(KEY)), transport));

    assertEquals(1, transport.requests.size());
  }

  @Test
  void exchange_nonJsonErrorWithANonce_notRetried() {
    ScriptedTransport transport = new ScriptedTransport()
        .then(400, "<html>use_dpop_nonce</html>", "DPoP-Nonce", "n", "Content-Type", "text/html")
        .then(200, DPOP_TOKENS);

    assertThrows(ResponseRejectedException.class,
        () -> exchange(required(DpopProofs.of(KEY)), transport));

    assertEquals(1, transport.requests.size());
  }

  @Test
  void exchange_errorMemberNotAString_notRetried() {
    ScriptedTransport transport = new ScriptedTransport()
        .then(400, "{\"error\":[\"use_dpop_nonce\"]}", "DPoP-Nonce", "n").then(200, DPOP_TOKENS);

    assertThrows(ResponseRejectedException.class,
        () -> exchange(required(DpopProofs.of(KEY)), transport));

    assertEquals(1, transport.requests.size());
  }

  @Test
  void nonceFromASuccess_sentWithTheNextTokenRequest() throws Exception {
    DpopProofs proofs = DpopProofs.of(KEY);
    PkceLoginFlow flow = required(proofs);
    ScriptedTransport transport = new ScriptedTransport()
        .then(200, DPOP_TOKENS, "DPoP-Nonce", "next-nonce").then(200, DPOP_TOKENS);

    exchange(flow, transport);
    exchange(flow, transport);

    assertEquals("next-nonce", proofOf(transport.requests.get(1)).claims.get("nonce"));
  }

  @Test
  void dpopRetryOrNull_withoutDpopOrForARequestWithoutAProof_null() {
    TransportResponse answer = TransportResponse.of(400, Collections.singletonMap("DPoP-Nonce",
        Collections.singletonList("n")), USE_DPOP_NONCE.getBytes(UrlEncoding.UTF_8));
    TransportRequest plain = TransportRequest.postForm(TOKEN, Collections.singletonMap("a", "b"));

    assertNull(Fixtures.flow().dpopRetryOrNull(plain, answer));
    assertNull(required(DpopProofs.of(KEY)).dpopRetryOrNull(plain, answer));
    TransportRequest withProof = plain.withHeader("DPoP", "x");
    TransportRequest retry = required(DpopProofs.of(KEY)).dpopRetryOrNull(withProof, answer);
    assertEquals("n", proofOf(retry).claims.get("nonce"));
  }

  @Test
  void serverMetadata_parsesDpopSigningAlgValuesSupported() {
    String json = "{\"issuer\":\"" + Fixtures.ISSUER + "\",\"authorization_endpoint\":\""
        + Fixtures.ISSUER + "/a\",\"token_endpoint\":\"" + TOKEN + "\"";
    assertEquals(Arrays.asList("ES256", "RS256"), ServerMetadata.parse(json
        + ",\"dpop_signing_alg_values_supported\":[\"ES256\",\"RS256\"]}", Fixtures.ISSUER)
        .dpopSigningAlgValuesSupportedOrNull());
    assertNull(ServerMetadata.parse(json + "}", Fixtures.ISSUER)
        .dpopSigningAlgValuesSupportedOrNull());
    assertThrows(ResponseRejectedException.class, () -> ServerMetadata.parse(json
        + ",\"dpop_signing_alg_values_supported\":\"ES256\"}", Fixtures.ISSUER));
  }

  @Test
  void serverMetadataBuilder_dpopSigningAlgValuesSupported_chains() {
    ServerMetadata metadata = ServerMetadata.builder(Fixtures.ISSUER)
        .dpopSigningAlgValuesSupported(Arrays.asList("ES256"))
        .authorizationEndpoint(Fixtures.ISSUER + "/authorize")
        .tokenEndpoint(TOKEN)
        .build();
    assertEquals(Arrays.asList("ES256"), metadata.dpopSigningAlgValuesSupportedOrNull());
  }

  // ---------------------------------------------------------------- refresh and pushed requests

  @Test
  void refresh_withDpop_carriesAProofByTheLoginsKeyAndRetriesTheNonceOnce() throws Exception {
    ScriptedTransport transport = new ScriptedTransport()
        .then(400, USE_DPOP_NONCE, "DPoP-Nonce", "n-refresh")
        .then(200, "{\"access_token\":\"at-2\",\"token_type\":\"DPoP\","
            + "\"refresh_token\":\"rt-2\"}");

    RefreshedTokens refreshed =
        required(DpopProofs.of(KEY)).refresh(RefreshRequest.of("rt-1"), transport);

    assertEquals("rt-2", refreshed.refreshTokenToStore());
    assertEquals(2, transport.requests.size(), "one retry for the nonce, no more");
    DpopTestSupport.Proof first = proofOf(transport.requests.get(0));
    DpopTestSupport.Proof retry = proofOf(transport.requests.get(1));
    assertTrue(first.verifies());
    assertTrue(retry.verifies());
    assertEquals(KEY.publicKey().getW(), DpopTestSupport.publicKey(first.jwk()).getW(),
        "RFC 9449 section 5: a public client's refresh token is bound to the login's key");
    assertEquals("POST", first.claims.get("htm"));
    assertEquals(TOKEN, first.claims.get("htu"));
    assertFalse(first.claims.containsKey("nonce"));
    assertEquals("n-refresh", retry.claims.get("nonce"));
    assertEquals(new String(transport.requests.get(0).bodyOrNull(), UrlEncoding.UTF_8),
        new String(transport.requests.get(1).bodyOrNull(), UrlEncoding.UTF_8));
  }

  @Test
  void refresh_dpopRequiredButBearerIssued_refused() {
    ScriptedTransport transport = new ScriptedTransport().then(200, BEARER_TOKENS);

    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> required(DpopProofs.of(KEY)).refresh(RefreshRequest.of("rt-1"), transport));

    assertEquals(ResponseRejectedException.TOKEN_NOT_BOUND, e.errorCode());
  }

  @Test
  void refreshRequest_withoutDpop_hasNoProof() {
    assertFalse(Fixtures.flow().refreshRequest(RefreshRequest.of("rt-1")).headers()
        .containsKey("DPoP"));
  }

  @Test
  void pushedAuthorizationRequest_withDpop_pushesDpopJktPerRfc9449Section10() {
    ServerMetadata metadata = ServerMetadata.builder(Fixtures.ISSUER)
        .authorizationEndpoint(Fixtures.ISSUER + "/authorize")
        .tokenEndpoint(TOKEN)
        .pushedAuthorizationRequestEndpoint(Fixtures.ISSUER + "/par")
        .build();
    PkceLoginFlow flow = PkceLoginFlow.builder(metadata, "client-1")
        .pushedAuthorization(PushedAuthorizationMode.REQUIRED)
        .dpop(DpopProofs.of(KEY))
        .build();

    TransportRequest push = flow.pushedAuthorizationRequest(flow.newSession(Fixtures.REDIRECT));

    Map<String, List<String>> form =
        UrlEncoding.decodeQuery(new String(push.bodyOrNull(), UrlEncoding.UTF_8));
    assertEquals(Collections.singletonList(KEY.thumbprint()), form.get("dpop_jkt"));
  }
}
