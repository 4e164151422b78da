package io.github.pkce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.internal.UrlEncoding;
import io.github.pkce4j.tck.FakeHttpServer;
import io.github.pkce4j.tck.FakeHttpServer.Script;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code pkce refresh} and {@code pkce revoke} against a fake server. */
class TokenCommandsTest {
  private FakeHttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = FakeHttpServer.start();
    String issuer = server.url("");
    server.on("/.well-known/openid-configuration", Script.json(200, "{\"issuer\":\"" + issuer
        + "\",\"authorization_endpoint\":\"" + server.url("/authorize")
        + "\",\"token_endpoint\":\"" + server.url("/token")
        + "\",\"revocation_endpoint\":\"" + server.url("/revoke") + "\"}"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Map<String, List<String>> form(String path) {
    return UrlEncoding.decodeQuery(server.requests(path).get(0).bodyText());
  }

  @Test
  void refresh_tokenFromStdin_printsTokenJsonAndSaysItRotated() {
    server.on("/token", Script.json(200, "{\"access_token\":\"at2\",\"token_type\":\"Bearer\","
        + "\"refresh_token\":\"rt2\"}"));
    CliTestSupport.Result r = CliTestSupport.runWithStdin("rt1\n", "refresh", "--issuer",
        server.url(""), "--client-id", "cli-app", "--scope", "read");

    assertEquals(0, r.exitCode, r.toString());
    assertEquals("{\"access_token\":\"at2\",\"token_type\":\"Bearer\",\"refresh_token\":\"rt2\"}",
        r.out.trim());
    assertTrue(r.err.contains("pkce refresh: the server rotated the refresh token: store the"
        + " refresh_token printed on standard output"), r.err);
    Map<String, List<String>> form = form("/token");
    assertEquals(Arrays.asList("refresh_token"), form.get("grant_type"));
    assertEquals(Arrays.asList("rt1"), form.get("refresh_token"));
    assertEquals(Arrays.asList("read"), form.get("scope"));
    assertEquals(Arrays.asList("cli-app"), form.get("client_id"));
    assertFalse(form.containsKey("client_secret"));
    assertFalse(r.err.contains("rt1"), r.err);
  }

  @Test
  void refresh_notRotated_saysKeepIt() {
    server.on("/token", Script.json(200, "{\"access_token\":\"at2\",\"token_type\":\"Bearer\"}"));
    CliTestSupport.Result r = CliTestSupport.runWithStdin("rt1\n", "refresh", "--issuer",
        server.url(""), "--client-id", "cli-app");

    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.err.contains("not rotated; keep using the one you have"), r.err);
  }

  @Test
  void refresh_tokenFromEnvironment_isRead() {
    String variable = System.getenv().containsKey("PATH") ? "PATH" : null;
    server.on("/token", Script.json(200, "{\"access_token\":\"at2\",\"token_type\":\"Bearer\"}"));
    CliTestSupport.Result r = CliTestSupport.runWithStdin("", "refresh", "--issuer",
        server.url(""), "--client-id", "cli-app", "--refresh-token-env", variable);

    assertEquals(0, r.exitCode, r.toString());
    assertEquals(Arrays.asList(System.getenv(variable)), form("/token").get("refresh_token"));
  }

  @Test
  void refresh_invalidGrant_exit1WithTheServersError() {
    server.on("/token", Script.json(400, "{\"error\":\"invalid_grant\","
        + "\"error_description\":\"refresh token revoked\"}"));
    CliTestSupport.Result r = CliTestSupport.runWithStdin("rt1\n", "refresh", "--issuer",
        server.url(""), "--client-id", "cli-app");

    assertEquals(1, r.exitCode, r.toString());
    assertEquals("", r.out);
    assertEquals("pkce refresh: invalid_grant: the token endpoint answered HTTP 400 with error"
        + " invalid_grant (RFC 6749 §5.2): refresh token revoked", r.err.trim());
  }

  @Test
  void refresh_noTokenOnStdin_exit2WithoutContactingTheServer() {
    CliTestSupport.Result r = CliTestSupport.runWithStdin("", "refresh", "--issuer",
        server.url(""), "--client-id", "cli-app");

    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.contains("no token on standard input"), r.err);
    assertEquals(0, server.requests().size());
  }

  @Test
  void refresh_unsetEnvironmentVariable_exit2() {
    CliTestSupport.Result r = CliTestSupport.runWithStdin("", "refresh", "--issuer",
        server.url(""), "--client-id", "cli-app", "--refresh-token-env",
        "PKCE4J_SURELY_UNSET_VARIABLE");

    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.contains("environment variable PKCE4J_SURELY_UNSET_VARIABLE is not set or"
        + " empty (--refresh-token-env)"), r.err);
  }

  @Test
  void refresh_controlCharacterInToken_exit2WithoutQuotingIt() {
    CliTestSupport.Result r = CliTestSupport.runWithStdin("rt\u001b[2Jsecret\n", "refresh",
        "--issuer", server.url(""), "--client-id", "cli-app");

    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.contains("outside VSCHAR"), r.err);
    assertFalse(r.err.contains("secret"), r.err);
  }

  @Test
  void refresh_tokenTooLong_exit2() {
    char[] token = new char[TokenCommand.MAX_TOKEN_CHARS + 1];
    Arrays.fill(token, 'a');
    CliTestSupport.Result r = CliTestSupport.runWithStdin(new String(token) + "\n", "refresh",
        "--issuer", server.url(""), "--client-id", "cli-app");

    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.contains("more than " + TokenCommand.MAX_TOKEN_CHARS), r.err);
  }

  @Test
  void refresh_tokenIsNotAnOption_usageError() {
    CliTestSupport.Result r = CliTestSupport.run("refresh", "--issuer", server.url(""),
        "--client-id", "cli-app", "--refresh-token", "rt1");

    assertEquals(2, r.exitCode, r.toString());
    assertFalse(r.err.contains("rt1"), r.err);
  }

  @Test
  void refresh_badScope_exit2() {
    CliTestSupport.Result r = CliTestSupport.runWithStdin("rt1\n", "refresh", "--issuer",
        server.url(""), "--client-id", "cli-app", "--scope", "a  b");

    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.contains("RFC 6749 §3.3"), r.err);
  }

  @Test
  void refresh_serverDown_exit1() {
    String issuer = server.url("");
    server.close();
    CliTestSupport.Result r = CliTestSupport.runWithStdin("rt1\n", "refresh", "--issuer",
        issuer, "--client-id", "cli-app", "--timeout", "5s");

    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains("while discovering the endpoints of " + issuer), r.err);
  }

  @Test
  void revoke_sendsTokenAndHint_exit0() {
    server.on("/revoke", Script.status(200));
    CliTestSupport.Result r = CliTestSupport.runWithStdin("rt1\n", "revoke", "--issuer",
        server.url(""), "--client-id", "cli-app", "--token-type-hint", "refresh_token");

    assertEquals(0, r.exitCode, r.toString());
    assertEquals("", r.out);
    assertTrue(r.err.contains("pkce revoke: revoked"), r.err);
    Map<String, List<String>> form = form("/revoke");
    assertEquals(Arrays.asList("rt1"), form.get("token"));
    assertEquals(Arrays.asList("refresh_token"), form.get("token_type_hint"));
    assertEquals(Arrays.asList("cli-app"), form.get("client_id"));
  }

  @Test
  void revoke_unsupportedTokenType_exit1() {
    server.on("/revoke", Script.json(400, "{\"error\":\"unsupported_token_type\"}"));
    CliTestSupport.Result r = CliTestSupport.runWithStdin("at\n", "revoke", "--issuer",
        server.url(""), "--client-id", "cli-app");

    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains("pkce revoke: unsupported_token_type: the revocation endpoint"
        + " answered HTTP 400"), r.err);
  }

  @Test
  void revoke_serverWithoutRevocationEndpoint_exit1() {
    server.on("/.well-known/openid-configuration", Script.json(200, "{\"issuer\":\""
        + server.url("") + "\",\"authorization_endpoint\":\"" + server.url("/authorize")
        + "\",\"token_endpoint\":\"" + server.url("/token") + "\"}"));
    CliTestSupport.Result r = CliTestSupport.runWithStdin("at\n", "revoke", "--issuer",
        server.url(""), "--client-id", "cli-app");

    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains("has no revocation_endpoint"), r.err);
  }

  @Test
  void revoke_badHint_exit2() {
    CliTestSupport.Result r = CliTestSupport.runWithStdin("at\n", "revoke", "--issuer",
        server.url(""), "--client-id", "cli-app", "--token-type-hint", "id_token");

    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.contains("--token-type-hint must be access_token or refresh_token"), r.err);
    assertEquals(0, server.requests().size());
  }

  // ---------------------------------------------------------------- refresh --dpop (RFC 9449)

  private static final String DPOP_TOKENS =
      "{\"access_token\":\"at2\",\"token_type\":\"DPoP\",\"refresh_token\":\"rt2\"}";

  @Test
  void refresh_dpop_signsWithTheLoginsKeyAndRetriesTheNonceOnce(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path file = tmp.resolve("dpop.jwk");
    String jkt = DpopKeyFile.loadOrCreate(file).thumbprint();
    server.onSequence("/token",
        Script.json(400, "{\"error\":\"use_dpop_nonce\"}").header("DPoP-Nonce", "n-1"),
        Script.json(200, DPOP_TOKENS));

    CliTestSupport.Result r = CliTestSupport.runWithStdin("rt1\n", "refresh", "--issuer",
        server.url(""), "--client-id", "cli-app", "--dpop", "--dpop-key", file.toString());

    assertEquals(0, r.exitCode, r.toString());
    assertEquals(DPOP_TOKENS, r.out.trim());
    List<FakeHttpServer.RecordedRequest> sent = server.requests("/token");
    assertEquals(2, sent.size(), "the use_dpop_nonce answer is retried exactly once");
    for (FakeHttpServer.RecordedRequest request : sent) {
      String proof = request.header("DPoP");
      assertTrue(io.github.pkce4j.tck.DpopProofChecks.verifies(proof), proof);
      assertEquals(jkt, io.github.pkce4j.tck.DpopProofChecks.thumbprint(proof),
          "the login's key, not a new one");
    }
    String retried = io.github.pkce4j.tck.DpopProofChecks.claims(sent.get(1).header("DPoP"));
    assertEquals("n-1", io.github.pkce4j.tck.DpopProofChecks.stringMember(retried, "nonce"));
    assertTrue(r.err.contains("pkce refresh: signing with DPoP key " + jkt + " from " + file),
        r.err);
    assertFalse(r.err.contains("\"d\""), "the private key never reaches a terminal");
  }

  @Test
  void refresh_dpopButBearerIssued_exit1AndNoTokensPrinted(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    java.nio.file.Path file = tmp.resolve("dpop.jwk");
    DpopKeyFile.loadOrCreate(file);
    server.on("/token", Script.json(200, "{\"access_token\":\"at2\",\"token_type\":"
        + "\"Bearer\"}"));

    CliTestSupport.Result r = CliTestSupport.runWithStdin("rt1\n", "refresh", "--issuer",
        server.url(""), "--client-id", "cli-app", "--dpop", "--dpop-key", file.toString());

    assertEquals(1, r.exitCode, r.toString());
    assertEquals("", r.out);
    assertTrue(r.err.contains("pkce refresh: token_not_bound:"), r.err);
  }

  @Test
  void refresh_dpopKeyMissing_exit2NothingSentAndNoKeyMade(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    java.nio.file.Path file = tmp.resolve("none.jwk");

    CliTestSupport.Result r = CliTestSupport.runWithStdin("rt1\n", "refresh", "--issuer",
        server.url(""), "--client-id", "cli-app", "--dpop", "--dpop-key", file.toString());

    assertEquals(2, r.exitCode, r.toString());
    assertEquals("pkce refresh: no DPoP key file " + file + "; give the --dpop-key file of the"
        + " login whose tokens these are (RFC 9449 section 5 binds them to its key)",
        r.err.trim());
    assertTrue(server.requests().isEmpty(), "nothing sent");
    assertFalse(java.nio.file.Files.exists(file), "a refresh never makes a key");
  }

  @Test
  void refresh_dpopWithoutKeyFile_exit2SayingWhy() {
    CliTestSupport.Result r = CliTestSupport.runWithStdin("rt1\n", "refresh", "--issuer",
        server.url(""), "--client-id", "cli-app", "--dpop");

    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("pkce refresh: --dpop needs --dpop-key FILE, the key file of the"
        + " login"), r.err);
    assertTrue(server.requests().isEmpty(), "nothing sent");
  }

  @Test
  void refresh_dpopKeyWithoutDpop_exit2() {
    CliTestSupport.Result r = CliTestSupport.runWithStdin("rt1\n", "refresh", "--issuer",
        server.url(""), "--client-id", "cli-app", "--dpop-key", "k.jwk");

    assertEquals(2, r.exitCode, r.toString());
    assertEquals("pkce refresh: --dpop-key goes with --dpop", r.err.trim());
  }
}
