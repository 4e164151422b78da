package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.client.internal.UrlEncoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationUrlTest {
  @Test
  void authorizationUrl_sendsEveryParameterInOrderWithS256Explicit() {
    PkceLoginFlow flow = PkceLoginFlow.builder(Fixtures.metadata(false), "client-1")
        .scope("api refresh_token").build();
    AuthorizationSession session = flow.newSession(Fixtures.REDIRECT);

    String url = flow.authorizationUrl(session);

    assertEquals("https://as.example.com/authorize?response_type=code&client_id=client-1"
        + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A4711%2Fcallback&scope=api%20refresh_token"
        + "&state=" + session.state()
        + "&code_challenge=" + CodeChallenge.s256(session.codeVerifier()).value()
        + "&code_challenge_method=S256", url);
  }

  @Test
  void authorizationUrl_openIdScope_addsNonce() {
    PkceLoginFlow flow = PkceLoginFlow.builder(Fixtures.metadata(false), "c")
        .scope("openid email").build();
    AuthorizationSession session = flow.newSession(Fixtures.REDIRECT);

    Map<String, List<String>> q = query(flow.authorizationUrl(session));

    assertEquals(Arrays.asList(session.nonceOrNull()), q.get("nonce"));
    assertEquals(43, session.nonceOrNull().length());
  }

  @Test
  void sendNonce_false_sendsNoNonceEvenForOpenIdScope() {
    PkceLoginFlow flow = PkceLoginFlow.builder(Fixtures.metadata(false), "c")
        .scope("openid").sendNonce(false).build();
    AuthorizationSession session = flow.newSession(Fixtures.REDIRECT);

    assertNull(session.nonceOrNull());
    assertFalse(query(flow.authorizationUrl(session)).containsKey("nonce"));
  }

  @Test
  void sendNonce_true_sendsNonceWithoutOpenIdScope() {
    PkceLoginFlow flow = PkceLoginFlow.builder(Fixtures.metadata(false), "c")
        .sendNonce(true).build();
    AuthorizationSession session = flow.newSession(Fixtures.REDIRECT);

    assertEquals(Arrays.asList(session.nonceOrNull()),
        query(flow.authorizationUrl(session)).get("nonce"));
  }

  @Test
  void authorizationUrl_noScope_sendsNoScopeAndNoNonce() {
    AuthorizationSession session = Fixtures.flow().newSession(Fixtures.REDIRECT);
    Map<String, List<String>> q = query(Fixtures.flow().authorizationUrl(session));
    assertTrue(!q.containsKey("scope") && !q.containsKey("nonce"), q.toString());
  }

  @Test
  void authorizationUrl_endpointWithQuery_keepsItAndAppends() {
    ServerMetadata metadata = ServerMetadata.builder(Fixtures.ISSUER)
        .authorizationEndpoint("https://as.example.com/authorize?tenant=a%20b")
        .tokenEndpoint("https://as.example.com/token").build();
    PkceLoginFlow flow = PkceLoginFlow.builder(metadata, "c").build();

    String url = flow.authorizationUrl(flow.newSession(Fixtures.REDIRECT));

    assertTrue(url.startsWith("https://as.example.com/authorize?tenant=a%20b&response_type=code&"),
        url);
  }

  @Test
  void authorizationUrl_extraParameters_areEncodedAndLast() {
    PkceLoginFlow flow = PkceLoginFlow.builder(Fixtures.metadata(false), "c")
        .authorizationParameter("prompt", "login consent")
        .authorizationParameter("login_hint", "a+b@x.com&x=1")
        .build();

    String url = flow.authorizationUrl(flow.newSession(Fixtures.REDIRECT));

    assertTrue(url.endsWith("&code_challenge_method=S256&prompt=login%20consent"
        + "&login_hint=a%2Bb%40x.com%26x%3D1"), url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"state", "code_challenge", "code_challenge_method", "client_id",
      "redirect_uri", "response_type", "scope", "nonce", "request_uri", ""})
  void authorizationParameter_reservedName_throws(String name) {
    PkceLoginFlow.Builder builder = PkceLoginFlow.builder(Fixtures.metadata(false), "c");
    assertThrows(IllegalArgumentException.class,
        () -> builder.authorizationParameter(name, "plain"));
  }

  /**
   * RFC 6749 section 3.1 (each parameter once) and RFC 7636 section 4.3: an authorization endpoint
   * whose own query names a parameter the flow sends is refused, in the builder and in {@link
   * ServerMetadata#parse}, also when the name is percent-encoded (security review finding 8).
   */
  @ParameterizedTest
  @ValueSource(strings = {"state=attacker", "code_challenge_method=plain", "code_challenge=x",
      "client_id=other", "redirect_uri=https%3A%2F%2Fevil.example", "response_type=token",
      "scope=admin", "nonce=n", "request_uri=urn:x", "tenant=a&st%61te=x", "code_challenge_method"})
  void reservedParameters_inTheEndpointQuery_areRefused(String query) {
    String endpoint = "https://as.example.com/authorize?" + query;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ServerMetadata.builder(Fixtures.ISSUER).authorizationEndpoint(endpoint));
    assertTrue(e.getMessage().startsWith("authorization_endpoint query already has "),
        e.getMessage());
    ResponseRejectedException parsed = assertThrows(ResponseRejectedException.class,
        () -> ServerMetadata.parse("{\"issuer\":\"" + Fixtures.ISSUER + "\","
            + "\"authorization_endpoint\":\"" + endpoint + "\","
            + "\"token_endpoint\":\"https://as.example.com/t\"}", Fixtures.ISSUER));
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, parsed.errorCode());
  }

  @Test
  void reservedParameters_malformedEndpointQuery_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> ServerMetadata.builder(Fixtures.ISSUER)
        .authorizationEndpoint("https://as.example.com/authorize?a=%zz"));
  }

  @Test
  void reservedParameters_eachSentOnceWithAHarmlessEndpointQuery() {
    PkceLoginFlow flow = PkceLoginFlow.builder(ServerMetadata.builder(Fixtures.ISSUER)
        .authorizationEndpoint("https://as.example.com/authorize?tenant=a&prompt_x=1")
        .tokenEndpoint("https://as.example.com/t").build(), "c").build();
    String url = flow.authorizationUrl(flow.newSession(Fixtures.REDIRECT));
    java.util.Map<String, java.util.List<String>> params = io.github.pkce4j.client.internal.UrlEncoding
        .decodeQuery(url.substring(url.indexOf('?') + 1));
    for (String name : PkceLoginFlow.RESERVED_PARAMETERS) {
      assertTrue(params.get(name) == null || params.get(name).size() == 1, name);
    }
    assertEquals(java.util.Collections.singletonList("S256"), params.get("code_challenge_method"));
    assertEquals(java.util.Collections.singletonList("a"), params.get("tenant"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " a", "a ", "a  b"})
  void scope_malformed_throws(String scope) {
    PkceLoginFlow.Builder builder = PkceLoginFlow.builder(Fixtures.metadata(false), "c");
    assertThrows(IllegalArgumentException.class, () -> builder.scope(scope));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/callback", "http://127.0.0.1/cb#frag", "http://example.com/cb",
      "http://192.168.1.2:80/cb", "not a uri"})
  void newSession_badRedirectUri_throws(String redirectUri) {
    assertThrows(IllegalArgumentException.class, () -> Fixtures.flow().newSession(redirectUri));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:1/cb", "http://[::1]:8080/cb", "http://localhost/cb",
      "https://app.example.com/cb", "com.example.app:/oauth2redirect"})
  void newSession_allowedRedirectUri_isKept(String redirectUri) {
    assertEquals(redirectUri, Fixtures.flow().newSession(redirectUri).redirectUri());
  }

  @Test
  void build_serverWithoutS256_throws() {
    String json = "{\"issuer\":\"https://as.example.com\",\"authorization_endpoint\":"
        + "\"https://as.example.com/a\",\"token_endpoint\":\"https://as.example.com/t\","
        + "\"code_challenge_methods_supported\":[\"plain\"]}";
    PkceLoginFlow.Builder builder =
        PkceLoginFlow.builder(ServerMetadata.parse(json, "https://as.example.com"), "c");
    IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);
    assertTrue(e.getMessage().contains("RFC 9700 §2.1.1"), e.getMessage());
  }

  @Test
  void build_handBuiltMetadataWithoutS256_throws() {
    ServerMetadata metadata = ServerMetadata.builder(Fixtures.ISSUER)
        .authorizationEndpoint(Fixtures.ISSUER + "/a").tokenEndpoint(Fixtures.ISSUER + "/t")
        .codeChallengeMethodsSupported(Arrays.asList("plain")).build();
    PkceLoginFlow.Builder builder = PkceLoginFlow.builder(metadata, "c");
    assertThrows(IllegalStateException.class, builder::build);
  }

  @Test
  void newSession_twice_givesFreshVerifierAndState() {
    PkceLoginFlow flow = Fixtures.flow();
    AuthorizationSession a = flow.newSession(Fixtures.REDIRECT);
    AuthorizationSession b = flow.newSession(Fixtures.REDIRECT);
    assertTrue(!a.state().equals(b.state()));
    assertTrue(!a.codeVerifier().value().equals(b.codeVerifier().value()));
    assertEquals(43, a.state().length(), "256 bits of state");
  }

  static Map<String, List<String>> query(String url) {
    return UrlEncoding.decodeQuery(url.substring(url.indexOf('?') + 1));
  }

  static List<String> list(String... values) {
    return new ArrayList<String>(Arrays.asList(values));
  }
}
