package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pkce4j.client.internal.UrlEncoding;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 6749 §4.1.3 and §2.3.1, RFC 7636 §4.5: the token request. */
class TokenRequestTest {
  private static Map<String, List<String>> form(TransportRequest request) {
    byte[] body = request.bodyOrNull();
    return UrlEncoding.decodeQuery(UrlEncoding.decodeUtf8(body, 0, body.length));
  }

  private static TransportRequest request(ClientAuthentication auth, String clientId) {
    PkceLoginFlow flow = PkceLoginFlow.builder(Fixtures.metadata(false), clientId)
        .clientAuthentication(auth).build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    return flow.tokenRequest(s, flow.parseRedirect(s,
        Fixtures.REDIRECT + "?code=c%2B1&state=" + s.state()));
  }

  @Test
  void publicClient_bodyHasExactlyTheParametersInOrder() {
    TransportRequest r = request(ClientAuthentication.none(), "client-1");
    assertEquals("POST", r.method());
    assertEquals("https://as.example.com/token", r.url());
    assertEquals(Arrays.asList("grant_type", "code", "redirect_uri", "client_id", "code_verifier"),
        Arrays.asList(form(r).keySet().toArray()));
    assertEquals(Arrays.asList("c+1"), form(r).get("code"));
    assertNull(r.headers().get("Authorization"));
    assertEquals("application/x-www-form-urlencoded", r.headers().get("Content-Type"));
  }

  @Test
  void clientSecretBasic_headerIsBase64OfFormEncodedIdAndSecret() {
    TransportRequest r = request(ClientAuthentication.clientSecretBasic("s e:c"), "id:1");
    // base64("id%3A1:s+e%3Ac")
    assertEquals("Basic aWQlM0ExOnMrZSUzQWM=", r.headers().get("Authorization"));
    assertFalse(form(r).containsKey("client_id"));
    assertFalse(form(r).containsKey("client_secret"));
  }

  @Test
  void clientSecretPost_bodyHasSecretOnce() {
    TransportRequest r = request(ClientAuthentication.clientSecretPost("pw"), "id");
    assertEquals(Arrays.asList("pw"), form(r).get("client_secret"));
    assertEquals(Arrays.asList("id"), form(r).get("client_id"));
  }

  @Test
  void toString_hidesSecretAndVerifier() {
    TransportRequest r = request(ClientAuthentication.clientSecretBasic("TOPSECRET"), "id");
    assertEquals("TransportRequest[POST https://as.example.com/token, headers=[Accept,"
        + " Content-Type, Authorization], body=" + r.bodyOrNull().length + " bytes]", r.toString());
    assertEquals("ClientAuthentication[client_secret_basic]",
        ClientAuthentication.clientSecretBasic("TOPSECRET").toString());
  }

  @Test
  void emptySecret_throws() {
    assertThrows(IllegalArgumentException.class, () -> ClientAuthentication.clientSecretPost(""));
  }

  @Test
  void withHeader_controlCharacter_throws() {
    TransportRequest r = TransportRequest.get("https://as.example.com/x");
    assertThrows(IllegalArgumentException.class, () -> r.withHeader("X", "a\r\nInjected: 1"));
    assertThrows(IllegalArgumentException.class, () -> r.withHeader("X Y", "a"));
  }
}
