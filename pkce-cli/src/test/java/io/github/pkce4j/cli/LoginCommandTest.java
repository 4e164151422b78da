package io.github.pkce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pkce4j.client.TransportRequest;
import io.github.pkce4j.client.internal.Json;
import io.github.pkce4j.client.internal.UrlEncoding;
import io.github.pkce4j.jdkhttp.JdkHttpTransport;
import io.github.pkce4j.tck.FakeHttpServer.Script;
import io.github.pkce4j.tck.FakeHttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code pkce login} end to end against a fake server, playing the browser from stderr. */
class LoginCommandTest {
  private FakeHttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = FakeHttpServer.start();
    String issuer = server.url("");
    server.on("/.well-known/openid-configuration", Script.json(200, "{\"issuer\":\"" + issuer
        + "\",\"authorization_endpoint\":\"" + server.url("/authorize")
        + "\",\"token_endpoint\":\"" + server.url("/token") + "\"}"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * Runs {@code pkce login --no-browser ...}; when the authorization URL appears on stderr, a
   * "browser" answers the loopback redirect with {@code redirectQuery(state)}.
   */
  private CliTestSupport.Result login(BrowserAnswer browserAnswer, String... args) {
    return loginVisiting(url -> {
      Map<String, List<String>> q = UrlEncoding.decodeQuery(url.substring(url.indexOf('?') + 1));
      String redirect = q.get("redirect_uri").get(0);
      JdkHttpTransport.create().execute(TransportRequest.get(redirect + "?"
          + browserAnswer.query(q.get("state").get(0))));
    }, args);
  }

  /** Runs {@code pkce login ...}; a "browser" visits the authorization URL when it appears. */
  private CliTestSupport.Result loginVisiting(UrlVisitor visitor, String... args) {
    StringWriter out = new StringWriter();
    StringWriter errCopy = new StringWriter();
    CompletableFuture<Void> browser = new CompletableFuture<>();
    Writer err = new Writer() {
      private final StringBuilder line = new StringBuilder();

      @Override
      public void write(char[] buf, int off, int len) {
        errCopy.write(buf, off, len);
        for (int i = off; i < off + len; i++) {
          if (buf[i] == '\n') {
            onLine(line.toString().trim());
            line.setLength(0);
          } else {
            line.append(buf[i]);
          }
        }
      }

      private void onLine(String l) {
        if (l.startsWith("http")) {
          CompletableFuture.runAsync(() -> {
            try {
              visitor.visit(l);
              browser.complete(null);
            } catch (IOException e) {
              browser.completeExceptionally(e);
            }
          });
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    int code = PkceCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliTestSupport.Result(code, out.toString(), errCopy.toString());
  }

  interface BrowserAnswer {
    String query(String state);
  }

  interface UrlVisitor {
    void visit(String url) throws IOException;
  }

  /** Follows the authorization endpoint's redirect to the loopback receiver, as a browser. */
  private static void follow(String url) throws IOException {
    JdkHttpTransport transport = JdkHttpTransport.create();
    String location = transport.execute(TransportRequest.get(url)).headerOrNull("Location");
    transport.execute(TransportRequest.get(location));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void login_againstTheDemoServer_showsProgressOnStderrAndOnlyTheTokenOnStdout()
      throws IOException {
    int port = freePort();
    String redirect = "http://127.0.0.1:" + port + "/callback";
    try (DemoAuthorizationServer demo = new DemoAuthorizationServer(redirect)) {
      CliTestSupport.Result r = loginVisiting(LoginCommandTest::follow, "login", "--issuer",
          demo.issuer(), "--client-id", DemoAuthorizationServer.CLIENT_ID, "--no-browser",
          "--redirect-port", String.valueOf(port), "--timeout", "60s");

      assertEquals(0, r.exitCode, r.toString());
      assertTrue(r.out.startsWith("{\"access_token\":\""), r.out);
      assertEquals(1, r.out.split("\\R").length, r.out);
      String[] lines = r.err.split("\\R");
      assertEquals(5, lines.length, r.err);
      assertEquals("pkce login: discovering the endpoints of " + demo.issuer() + " (RFC 8414)",
          lines[0]);
      assertTrue(lines[1].matches("pkce login: waiting up to \\d+ s \\(until \\d\\d:\\d\\d:\\d\\d\\)"
          + " for the browser to return to " + Pattern.quote(redirect)
          + "; press Ctrl-C to cancel"), lines[1]);
      assertEquals("pkce login: open this URL in a browser:", lines[2]);
      assertTrue(lines[3].startsWith(demo.issuer()), lines[3]);
      assertEquals("pkce login: exchanging the code at " + demo.issuer() + "/token", lines[4]);
    }
  }

  @Test
  void login_timeout_boundsDiscoveryOnAServerThatAcceptsAndNeverAnswers() throws Exception {
    try (ServerSocket stalled = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(stalled.accept()); // read nothing, answer nothing
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String issuer = "http://127.0.0.1:" + stalled.getLocalPort();

      // The transport's own timeout is 30 s; --timeout 1s must end the login long before.
      CliTestSupport.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> CliTestSupport.run("login", "--issuer", issuer, "--client-id", "x",
              "--no-browser", "--timeout", "1s"));

      assertEquals(1, r.exitCode, r.toString());
      assertEquals("pkce login: discovering the endpoints of " + issuer + " (RFC 8414)"
          + System.lineSeparator() + "pkce login: the login did not finish within --timeout 1s"
          + " (discovering the endpoints of " + issuer + "); give a longer --timeout, e.g."
          + " --timeout 5m" + System.lineSeparator(), r.err);
      assertFalse(accepted.isEmpty(), "the server accepted the connection");
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void login_timeout_boundsTheTokenRequestToo() {
    server.on("/token", Script.json(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}")
        .delayBeforeHeaders(60_000));

    CliTestSupport.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> login(state -> "code=c1&state=" + state, "login", "--issuer", server.url(""),
            "--client-id", "cli-app", "--no-browser", "--timeout", "4s"));

    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.endsWith("pkce login: the login did not finish within --timeout 4s"
        + " (exchanging the code at " + server.url("/token") + "); give a longer --timeout,"
        + " e.g. --timeout 5m" + System.lineSeparator()), r.err);
  }

  @Test
  void login_connectionRefused_namesTheFailureAndTheStepNeverNull() throws IOException {
    String issuer = "http://127.0.0.1:" + freePort();

    CliTestSupport.Result r = CliTestSupport.run("login", "--issuer", issuer, "--client-id", "x",
        "--no-browser", "--quiet");

    assertEquals(1, r.exitCode, r.toString());
    assertFalse(r.err.contains("null"), r.err);
    assertTrue(r.err.startsWith("pkce login: "), r.err);
    assertTrue(r.err.contains("ConnectException"), r.err);
    assertTrue(r.err.contains(" while discovering the endpoints of " + issuer
        + "; check the URL and that the server is reachable"), r.err);
    assertEquals(1, r.err.split("\\R").length, r.err);
  }

  @Test
  void login_redirectPortInUse_exit2NamingThePort() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      CliTestSupport.Result r = CliTestSupport.run("login", "--issuer", server.url(""),
          "--client-id", "x", "--no-browser", "--redirect-port", String.valueOf(port));

      assertEquals(2, r.exitCode, r.toString());
      assertEquals("pkce login: port " + port + " on 127.0.0.1 is in use (--redirect-port " + port
          + "); stop what listens there, choose another port, or leave out --redirect-port for"
          + " any free port" + System.lineSeparator(), r.err);
      assertEquals(0, server.requests().size(), "nothing was sent before the port was checked");
    }
  }

  @Test
  void login_tokenJsonWithControlCharacters_printsThemEscapedAsValidJson() {
    String tokenJson = "{\"access_token\":\"a\u202Eb\u009Bc\u007Fd\\u001b[2J\","
        + "\"token_type\":\"Bearer\",\"scope\":\"x\u2028y\"}";
    server.on("/token", Script.json(200, tokenJson));

    CliTestSupport.Result r = login(state -> "code=c1&state=" + state,
        "login", "--issuer", server.url(""), "--client-id", "cli-app", "--no-browser", "--quiet",
        "--timeout", "20s");

    assertEquals(0, r.exitCode, r.toString());
    String printed = r.out.trim();
    assertEquals("{\"access_token\":\"a\\u202eb\\u009bc\\u007fd\\u001b[2J\","
        + "\"token_type\":\"Bearer\",\"scope\":\"x\\u2028y\"}", printed);
    assertEquals(Json.parseObject(tokenJson), Json.parseObject(printed), "the same JSON value");
  }

  @Test
  void login_noBrowserQuiet_printsUrlAloneAndTokenJson() {
    String tokenJson = "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":60}";
    server.on("/token", Script.json(200, tokenJson));

    CliTestSupport.Result r = login(state -> "code=c1&state=" + state,
        "login", "--issuer", server.url(""), "--client-id", "cli-app", "--scope", "profile",
        "--no-browser", "--quiet", "--timeout", "20s");

    assertEquals(0, r.exitCode, r.toString());
    assertEquals(tokenJson + System.lineSeparator(), r.out);
    String[] errLines = r.err.split("\\R");
    assertEquals(1, errLines.length, r.err);
    assertTrue(errLines[0].startsWith(server.url("/authorize?response_type=code&client_id=cli-app"
        + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A")), errLines[0]);
    assertTrue(errLines[0].contains("&code_challenge_method=S256"), errLines[0]);
    String body = server.requests("/token").get(0).bodyText();
    assertTrue(body.contains("code=c1"), body);
    assertTrue(body.contains("client_id=cli-app"), body);
    assertFalse(body.contains("client_secret"), body);
  }

  @Test
  void login_serverRefusesCode_printsOneLineWithErrorCodeExit1() {
    server.on("/token", Script.json(400, "{\"error\":\"invalid_grant\","
        + "\"error_description\":\"code expired\"}"));

    CliTestSupport.Result r = login(state -> "code=c1&state=" + state,
        "login", "--issuer", server.url(""), "--client-id", "cli-app", "--no-browser",
        "--timeout", "20s");

    assertEquals(1, r.exitCode, r.toString());
    assertEquals("", r.out);
    String[] lines = r.err.split("\\R");
    assertEquals("pkce login: invalid_grant from the token endpoint (HTTP 400, RFC 6749 §5.2):"
        + " code expired", lines[lines.length - 1]);
  }

  @Test
  void login_descriptionWithALineBreak_isNotPrinted_codeStill() {
    // RFC 6749 section 5.2: outside %x20-21 / %x23-5B / %x5D-7E the description is treated as
    // absent by the library, so nothing of it reaches the terminal.
    server.on("/token", Script.json(400, "{\"error\":\"invalid_grant\","
        + "\"error_description\":\"code\\nexpired\"}"));

    CliTestSupport.Result r = login(state -> "code=c1&state=" + state,
        "login", "--issuer", server.url(""), "--client-id", "cli-app", "--no-browser",
        "--timeout", "20s");

    assertEquals(1, r.exitCode, r.toString());
    String[] lines = r.err.split("\\R");
    assertEquals("pkce login: invalid_grant from the token endpoint (HTTP 400, RFC 6749 §5.2):"
        + " the server gave no description", lines[lines.length - 1]);
    assertFalse(r.err.contains("expired"), r.err);
  }

  @Test
  void login_accessDeniedRedirect_exit1WithErrorCode() {
    CliTestSupport.Result r = login(state -> "error=access_denied&state=" + state,
        "login", "--issuer", server.url(""), "--client-id", "cli-app", "--no-browser",
        "--timeout", "20s");

    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains("pkce login: access_denied from the authorization server (RFC 6749"
        + " §4.1.2.1): the server gave no description"), r.err);
    assertEquals(0, server.requests("/token").size());
  }

  @Test
  void login_forgedState_refusedBeforeAnyTokenRequest() {
    // A callback with another state does not end the login (the receiver waits for the real
    // one), so with only a forged callback the login times out, saying it refused one.
    CliTestSupport.Result r = login(state -> "code=c1&state=forged",
        "login", "--issuer", server.url(""), "--client-id", "cli-app", "--no-browser",
        "--timeout", "3s");

    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains("1 callback with another state was refused"), r.err);
    assertEquals(0, server.requests("/token").size());
  }

  @Test
  void login_clientSecretEnv_sendsBasicCredentials() {
    String var = System.getenv("HOME") != null ? "HOME" : "PATH";
    assumeTrue(System.getenv(var) != null && !System.getenv(var).isEmpty());
    server.on("/token", Script.json(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}"));

    CliTestSupport.Result r = login(state -> "code=c1&state=" + state,
        "login", "--issuer", server.url(""), "--client-id", "conf", "--client-secret-env", var,
        "--no-browser", "--timeout", "20s");

    assertEquals(0, r.exitCode, r.toString());
    String authorization = server.requests("/token").get(0).header("Authorization");
    String expected = java.util.Base64.getEncoder().encodeToString(("conf:"
        + UrlEncoding.encodeForm(System.getenv(var))).getBytes(UrlEncoding.UTF_8));
    assertEquals("Basic " + expected, authorization);
  }

  @Test
  void login_noRedirect_timesOutExit1() {
    CliTestSupport.Result r = CliTestSupport.run("login", "--issuer", server.url(""),
        "--client-id", "cli-app", "--no-browser", "--timeout", "300ms");

    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains("pkce login: the login did not finish within --timeout 300ms"
        + " (no redirect arrived at http://127.0.0.1:"), r.err);
  }

  @Test
  void login_discoveryIssuerMismatch_exit1() {
    server.on("/.well-known/openid-configuration", Script.json(200,
        "{\"issuer\":\"https://evil.example\",\"authorization_endpoint\":\"https://evil.example/a\","
            + "\"token_endpoint\":\"https://evil.example/t\"}"));

    CliTestSupport.Result r = CliTestSupport.run("login", "--issuer", server.url(""),
        "--client-id", "cli-app", "--no-browser");

    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains(System.lineSeparator() + "pkce login: issuer_mismatch: "), r.err);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "login --client-id x",
      "login --issuer https://a.example --salesforce --client-id x",
      "login --issuer https://a.example --sandbox --client-id x",
      "login --salesforce --sandbox --my-domain acme.my.salesforce.com --client-id x",
      "login --salesforce --my-domain https://acme.my.salesforce.com --client-id x",
      "login --issuer http://a.example --client-id x",
      "login --issuer https://a.example --client-id x --timeout 0s",
      "login --issuer https://a.example --client-id x --timeout soon",
      "login --issuer https://a.example --client-id x --redirect-port 70000",
      "login --issuer https://a.example --client-id x --client-secret-env PKCE4J_UNSET_VAR_42",
      "login --issuer https://a.example",
  })
  void login_badInput_exit2WithOneMessage(String args) {
    CliTestSupport.Result r = CliTestSupport.run(args.split(" "));

    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("pkce"), r.err);
    assertFalse(r.err.contains("Exception"), r.err);
  }

  @Test
  void parseDuration_units() {
    assertEquals(java.time.Duration.ofSeconds(120), LoginCommand.parseDuration("120s"));
    assertEquals(java.time.Duration.ofSeconds(90), LoginCommand.parseDuration("90"));
    assertEquals(java.time.Duration.ofMinutes(5), LoginCommand.parseDuration("5m"));
    assertEquals(java.time.Duration.ofMillis(500), LoginCommand.parseDuration("500ms"));
  }

  /** Discovery that offers (or requires) pushed authorization requests at /par. */
  private void offerPar(boolean required) {
    String issuer = server.url("");
    server.on("/.well-known/openid-configuration", Script.json(200, "{\"issuer\":\"" + issuer
        + "\",\"authorization_endpoint\":\"" + server.url("/authorize")
        + "\",\"token_endpoint\":\"" + server.url("/token")
        + "\",\"pushed_authorization_request_endpoint\":\"" + server.url("/par") + "\""
        + (required ? ",\"require_pushed_authorization_requests\":true" : "") + "}"));
    server.on("/par", Script.json(201, "{\"request_uri\":\"urn:ietf:params:oauth:request_uri:"
        + "r1\",\"expires_in\":60}"));
    server.on("/token", Script.json(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}"));
  }

  /** A browser for a pushed request: the URL has only request_uri; the pushed form has the rest. */
  private void answerPushedRequest(String url) throws IOException {
    assertTrue(url.startsWith(server.url("/authorize") + "?client_id=cli-app&request_uri="
        + "urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Ar1"), url);
    assertFalse(url.contains("code_challenge"), url);
    Map<String, List<String>> pushed =
        UrlEncoding.decodeQuery(server.requests("/par").get(0).bodyText());
    JdkHttpTransport.create().execute(TransportRequest.get(pushed.get("redirect_uri").get(0)
        + "?code=c1&state=" + pushed.get("state").get(0)));
  }

  @Test
  void login_par_pushesTheRequestAndTheUrlCarriesOnlyTheRequestUri() {
    offerPar(false);
    CliTestSupport.Result r = loginVisiting(this::answerPushedRequest, "login", "--issuer",
        server.url(""), "--client-id", "cli-app", "--no-browser", "--par", "--timeout", "20s");

    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.err.contains("pkce login: pushing the authorization request to "
        + server.url("/par") + " (RFC 9126)"), r.err);
    Map<String, List<String>> pushed =
        UrlEncoding.decodeQuery(server.requests("/par").get(0).bodyText());
    assertEquals("S256", pushed.get("code_challenge_method").get(0));
    assertEquals("cli-app", pushed.get("client_id").get(0));
    assertTrue(r.out.contains("\"access_token\":\"at\""), r.out);
  }

  @Test
  void login_serverRequiresPar_pushesWithoutTheOption() {
    offerPar(true);
    CliTestSupport.Result r = loginVisiting(this::answerPushedRequest, "login", "--issuer",
        server.url(""), "--client-id", "cli-app", "--no-browser", "--timeout", "20s");

    assertEquals(0, r.exitCode, r.toString());
    assertEquals(1, server.requests("/par").size());
  }

  @Test
  void login_parOfferedButNotAsked_doesNotPush() {
    offerPar(false);
    CliTestSupport.Result r = login(state -> "code=c1&state=" + state, "login", "--issuer",
        server.url(""), "--client-id", "cli-app", "--no-browser", "--timeout", "20s");

    assertEquals(0, r.exitCode, r.toString());
    assertEquals(0, server.requests("/par").size());
  }

  @Test
  void login_parRefused_exit1NamingTheParEndpoint() {
    offerPar(false);
    server.on("/par", Script.json(400, "{\"error\":\"invalid_request\"}"));
    CliTestSupport.Result r = loginVisiting(url -> { }, "login", "--issuer", server.url(""),
        "--client-id", "cli-app", "--no-browser", "--par", "--timeout", "20s");

    assertEquals(1, r.exitCode, r.toString());
    String[] lines = r.err.split("\\R");
    assertEquals("pkce login: invalid_request from the pushed authorization request endpoint"
        + " (HTTP 400, RFC 9126 section 2.3): the server gave no description",
        lines[lines.length - 1]);
  }

  @Test
  void login_parWithoutParEndpoint_exit2() {
    CliTestSupport.Result r = loginVisiting(url -> { }, "login", "--issuer", server.url(""),
        "--client-id", "cli-app", "--no-browser", "--par", "--timeout", "20s");

    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.contains("no pushed_authorization_request_endpoint"), r.err);
  }

  @Test
  void login_openidAnswerWithoutIdToken_exit1AndNoTokensPrinted() {
    server.on("/token", Script.json(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}"));

    CliTestSupport.Result r = login(state -> "code=c1&state=" + state,
        "login", "--issuer", server.url(""), "--client-id", "cli-app", "--scope", "openid",
        "--no-browser", "--timeout", "20s");

    assertEquals(1, r.exitCode, r.toString());
    assertEquals("", r.out);
    assertTrue(r.err.contains("pkce login: invalid_id_token: token response has no id_token"),
        r.err);
  }

  // ---------------------------------------------------------------- --dpop (RFC 9449)

  private static final String DPOP_TOKENS =
      "{\"access_token\":\"at\",\"token_type\":\"DPoP\",\"refresh_token\":\"rt\"}";

  private static boolean posix(java.nio.file.Path dir) throws IOException {
    return java.nio.file.Files.getFileStore(dir)
        .supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class);
  }

  private CliTestSupport.Result dpopLogin(List<String> urls, String... extra) {
    String[] args = new String[] {"login", "--issuer", server.url(""), "--client-id", "cli-app",
        "--no-browser", "--timeout", "20s", "--dpop"};
    String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return loginVisiting(url -> {
      urls.add(url);
      Map<String, List<String>> q = UrlEncoding.decodeQuery(url.substring(url.indexOf('?') + 1));
      JdkHttpTransport.create().execute(TransportRequest.get(q.get("redirect_uri").get(0)
          + "?code=c1&state=" + q.get("state").get(0)));
    }, all);
  }

  @Test
  void login_dpopKeyAbsent_createdOwnerOnlyAndTheTokensBoundToIt(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    assumeTrue(posix(tmp));
    server.on("/token", Script.json(200, DPOP_TOKENS));
    java.nio.file.Path file = tmp.resolve("dpop.jwk");
    List<String> urls = new CopyOnWriteArrayList<>();

    CliTestSupport.Result r = dpopLogin(urls, "--dpop-key", file.toString());

    assertEquals(0, r.exitCode, r.toString());
    assertEquals(DPOP_TOKENS + System.lineSeparator(), r.out);
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        java.nio.file.Files.getPosixFilePermissions(file)));
    String jkt = io.github.pkce4j.client.DpopKey.parse(new String(
        java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8).trim())
        .thumbprint();
    Map<String, List<String>> q =
        UrlEncoding.decodeQuery(urls.get(0).substring(urls.get(0).indexOf('?') + 1));
    assertEquals(java.util.Collections.singletonList(jkt), q.get("dpop_jkt"));
    String proof = server.requests("/token").get(0).header("DPoP");
    assertTrue(io.github.pkce4j.tck.DpopProofChecks.verifies(proof));
    assertEquals(jkt, io.github.pkce4j.tck.DpopProofChecks.thumbprint(proof));
    assertTrue(r.err.contains("pkce login: binding the tokens to DPoP key " + jkt + " from "
        + file), r.err);
    assertFalse(r.err.contains("\"d\""), "the private key never reaches a terminal");
  }

  @Test
  void login_dpopKeyPresent_reused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    assumeTrue(posix(tmp));
    server.on("/token", Script.json(200, DPOP_TOKENS));
    java.nio.file.Path file = tmp.resolve("dpop.jwk");

    assertEquals(0, dpopLogin(new CopyOnWriteArrayList<>(), "--dpop-key", file.toString())
        .exitCode);
    assertEquals(0, dpopLogin(new CopyOnWriteArrayList<>(), "--dpop-key", file.toString())
        .exitCode);

    List<FakeHttpServer.RecordedRequest> tokens = server.requests("/token");
    assertEquals(io.github.pkce4j.tck.DpopProofChecks.thumbprint(tokens.get(0).header("DPoP")),
        io.github.pkce4j.tck.DpopProofChecks.thumbprint(tokens.get(1).header("DPoP")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw-rw----", "rw-----w-", "rwx---r--"})
  void login_dpopKeyReadableByOthers_refusedBeforeAnyRequest(String mode,
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    assumeTrue(posix(tmp));
    java.nio.file.Path file = tmp.resolve("dpop.jwk");
    java.nio.file.Files.write(file, io.github.pkce4j.client.DpopKey.generate().serialize()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    java.nio.file.Files.setPosixFilePermissions(file,
        java.nio.file.attribute.PosixFilePermissions.fromString(mode));

    CliTestSupport.Result r = CliTestSupport.run("login", "--issuer", server.url(""),
        "--client-id", "cli-app", "--no-browser", "--dpop", "--dpop-key", file.toString());

    assertEquals(2, r.exitCode, r.toString());
    assertEquals("pkce login: the DPoP key file " + file + " is accessible to its group or others"
        + " (" + mode + "); it holds a private key: run chmod 600 " + file + ", or give a new"
        + " file name for a new key" + System.lineSeparator(), r.err);
    assertTrue(server.requests().isEmpty(), "nothing sent");
  }

  @Test
  void login_dpopKeyFileNotAKey_refusedNamingTheFileNotItsContent(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path file = tmp.resolve("dpop.jwk");
    java.nio.file.Files.write(file, "{\"kty\":\"EC\",\"d\":\"s3cr3t\"}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (posix(tmp)) {
      java.nio.file.Files.setPosixFilePermissions(file,
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    CliTestSupport.Result r = CliTestSupport.run("login", "--issuer", server.url(""),
        "--client-id", "cli-app", "--dpop", "--dpop-key", file.toString());

    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("pkce login: the DPoP key file " + file + " does not hold a DPoP"
        + " key written by pkce login: DPoP key has members [kty, d]"), r.err);
    assertFalse(r.err.contains("s3cr3t"), r.err);
  }

  @Test
  void login_dpopKeyWithoutDpop_usageError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    CliTestSupport.Result r = CliTestSupport.run("login", "--issuer", server.url(""),
        "--client-id", "cli-app", "--dpop-key", tmp.resolve("k").toString());

    assertEquals(2, r.exitCode, r.toString());
    assertEquals("pkce login: --dpop-key goes with --dpop" + System.lineSeparator(), r.err);
    assertFalse(java.nio.file.Files.exists(tmp.resolve("k")));
  }

  @Test
  void login_dpopButBearerIssued_refusedCitingRfc9449() {
    server.on("/token", Script.json(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}"));

    CliTestSupport.Result r = dpopLogin(new CopyOnWriteArrayList<>());

    assertEquals(1, r.exitCode, r.toString());
    assertEquals("", r.out, "no token printed");
    assertTrue(r.err.contains("pkce login: token_not_bound: token endpoint answered token_type"
        + " Bearer to a request with a DPoP proof; RFC 9449 section 5 requires token_type DPoP"),
        r.err);
    assertTrue(r.err.contains("(this command's only; see --dpop-key)"), r.err);
  }

  @Test
  void dpopKeyFile_loadOfAMissingFile_saysRefreshNeedsTheLoginsKey(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    java.nio.file.Path file = tmp.resolve("none.jwk");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> DpopKeyFile.load(file));
    assertEquals("no DPoP key file " + file + "; give the --dpop-key file of the login whose"
        + " tokens these are (RFC 9449 section 5 binds them to its key)", e.getMessage());
  }

  @Test
  void dpopKeyFile_symbolicLink_refused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    assumeTrue(posix(tmp));
    java.nio.file.Path real = tmp.resolve("real.jwk");
    DpopKeyFile.loadOrCreate(real);
    java.nio.file.Path link = java.nio.file.Files.createSymbolicLink(tmp.resolve("link.jwk"), real);

    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> DpopKeyFile.loadOrCreate(link));

    assertTrue(e.getMessage().contains("is not a regular file"), e.getMessage());
    assertEquals(DpopKeyFile.load(real).thumbprint(), DpopKeyFile.loadOrCreate(real).thumbprint());
  }
}
