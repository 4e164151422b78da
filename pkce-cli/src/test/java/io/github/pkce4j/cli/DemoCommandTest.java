package io.github.pkce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.TransportRequest;
import io.github.pkce4j.client.TransportResponse;
import io.github.pkce4j.jdkhttp.JdkHttpTransport;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void demo_fullFlowThenThreeAttacksRefused_exit0() {
    CliTestSupport.Result r = CliTestSupport.run("demo");

    assertEquals(0, r.exitCode, r.toString());
    String[] expectedInOrder = {"[ok] discovered", "[ok] challenge sent", "code_challenge_method=S256",
        "[ok] code received", "[ok] verifier sent", "[ok] token received   token_type=Bearer",
        "[ok] refused          intercepted code redeemed without the verifier: HTTP 400"
            + " invalid_grant (code_verifier missing",
        "[ok] refused          intercepted code redeemed with a wrong verifier: HTTP 400"
            + " invalid_grant (code_verifier does not match",
        "[ok] refused          used code replayed, even with the right verifier: HTTP 400"
            + " invalid_grant (authorization code unknown or already used",
        "PKCE did its job"};
    int from = 0;
    for (String expected : expectedInOrder) {
      int at = r.out.indexOf(expected, from);
      assertTrue(at >= 0, "missing or out of order: " + expected + "\n" + r.out);
      from = at;
    }
    assertTrue(!r.out.contains("[FAIL]"), r.out);
  }

  @Test
  void server_redirectUriNotRegistered_refusesWithoutRedirect() throws Exception {
    try (DemoAuthorizationServer server =
             new DemoAuthorizationServer("http://127.0.0.1:1/callback")) {
      TransportResponse r = JdkHttpTransport.create().execute(TransportRequest.get(
          server.issuer() + "/authorize?response_type=code&client_id=pkce-demo"
              + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcallback%2Fx&state=s"));
      assertEquals(400, r.status());
      assertEquals(null, r.headerOrNull("Location"));
    }
  }

  @Test
  void server_plainChallenge_redirectsWithInvalidRequest() throws Exception {
    try (DemoAuthorizationServer server =
             new DemoAuthorizationServer("http://127.0.0.1:1/callback")) {
      TransportResponse r = JdkHttpTransport.create().execute(TransportRequest.get(
          server.issuer() + "/authorize?response_type=code&client_id=pkce-demo"
              + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcallback&state=s"
              + "&code_challenge=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
              + "&code_challenge_method=plain"));
      assertEquals(302, r.status());
      assertTrue(r.headerOrNull("Location").startsWith(
          "http://127.0.0.1:1/callback?error=invalid_request&"), r.headerOrNull("Location"));
    }
  }

  @Test
  void server_noChallenge_refusedForPublicClient() throws Exception {
    try (DemoAuthorizationServer server =
             new DemoAuthorizationServer("http://127.0.0.1:1/callback")) {
      TransportResponse r = JdkHttpTransport.create().execute(TransportRequest.get(
          server.issuer() + "/authorize?response_type=code&client_id=pkce-demo"
              + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcallback&state=s"));
      assertTrue(r.headerOrNull("Location").contains("error=invalid_request"),
          r.headerOrNull("Location"));
    }
  }

  @Test
  void server_unknownCode_invalidGrant() throws Exception {
    try (DemoAuthorizationServer server =
             new DemoAuthorizationServer("http://127.0.0.1:1/callback")) {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "authorization_code");
      form.put("code", "nope");
      form.put("redirect_uri", "http://127.0.0.1:1/callback");
      form.put("client_id", "pkce-demo");
      TransportResponse r = JdkHttpTransport.create()
          .execute(TransportRequest.postForm(server.issuer() + "/token", form));
      assertEquals(400, r.status());
      assertTrue(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)
          .contains("\"invalid_grant\""));
    }
  }
}
