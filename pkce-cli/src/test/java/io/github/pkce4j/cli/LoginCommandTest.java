package io.github.pkce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pkce4j.client.TransportRequest;
import io.github.pkce4j.internal.UrlEncoding;
import io.github.pkce4j.jdkhttp.JdkHttpTransport;
import io.github.pkce4j.tck.FakeHttpServer;
import io.github.pkce4j.tck.FakeHttpServer.Script;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
            Map<String, List<String>> q =
                UrlEncoding.decodeQuery(l.substring(l.indexOf('?') + 1));
            String redirect = q.get("redirect_uri").get(0);
            String query = browserAnswer.query(q.get("state").get(0));
            try {
              JdkHttpTransport.create().execute(TransportRequest.get(redirect + "?" + query));
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

  @Test
  void login_noBrowser_printsUrlAloneAndTokenJson() {
    String tokenJson = "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":60}";
    server.on("/token", Script.json(200, tokenJson));

    CliTestSupport.Result r = login(state -> "code=c1&state=" + state,
        "login", "--issuer", server.url(""), "--client-id", "cli-app", "--scope", "openid",
        "--no-browser", "--timeout", "20s");

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
        + "\"error_description\":\"code\\nexpired\"}"));

    CliTestSupport.Result r = login(state -> "code=c1&state=" + state,
        "login", "--issuer", server.url(""), "--client-id", "cli-app", "--no-browser",
        "--timeout", "20s");

    assertEquals(1, r.exitCode, r.toString());
    assertEquals("", r.out);
    String last = r.err.split("\\R")[1];
    assertTrue(last.startsWith("pkce login: invalid_grant: "), last);
    assertTrue(last.endsWith("code expired"), last);
  }

  @Test
  void login_accessDeniedRedirect_exit1WithErrorCode() {
    CliTestSupport.Result r = login(state -> "error=access_denied&state=" + state,
        "login", "--issuer", server.url(""), "--client-id", "cli-app", "--no-browser",
        "--timeout", "20s");

    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains("pkce login: access_denied: "), r.err);
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
    assertTrue(r.err.contains("1 callback with another state were refused"), r.err);
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
    assertTrue(r.err.contains("no redirect arrived"), r.err);
  }

  @Test
  void login_discoveryIssuerMismatch_exit1() {
    server.on("/.well-known/openid-configuration", Script.json(200,
        "{\"issuer\":\"https://evil.example\",\"authorization_endpoint\":\"https://evil.example/a\","
            + "\"token_endpoint\":\"https://evil.example/t\"}"));

    CliTestSupport.Result r = CliTestSupport.run("login", "--issuer", server.url(""),
        "--client-id", "cli-app", "--no-browser");

    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("pkce login: issuer_mismatch: "), r.err);
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
}
