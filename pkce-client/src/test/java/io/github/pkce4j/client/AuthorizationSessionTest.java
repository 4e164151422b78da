package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationSessionTest {
  @Test
  void saveRestore_roundTripsEveryField() {
    PkceLoginFlow flow = PkceLoginFlow.builder(Fixtures.metadata(false), "c").scope("openid")
        .build();
    AuthorizationSession s = flow.newSession("com.example.app:/oauth2redirect?é=1");

    AuthorizationSession r = AuthorizationSession.parse(s.serialize());

    assertEquals(s.codeVerifier().value(), r.codeVerifier().value());
    assertEquals(s.state(), r.state());
    assertEquals(s.nonceOrNull(), r.nonceOrNull());
    assertEquals(s.redirectUri(), r.redirectUri());
    assertEquals(s.expectedIssuer(), r.expectedIssuer());
    assertEquals(s.serialize(), r.serialize());
  }

  @Test
  void restored_completesTheSameLogin() {
    PkceLoginFlow flow = Fixtures.flow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    AuthorizationSession r = AuthorizationSession.parse(s.serialize());
    assertNull(r.nonceOrNull());
    assertEquals("c", flow.parseRedirect(r, Fixtures.REDIRECT + "?code=c&state=" + s.state())
        .code());
  }

  @Test
  void save_isCompactAscii() {
    String saved = Fixtures.flow().newSession(Fixtures.REDIRECT).serialize();
    assertTrue(saved.startsWith("pkce4j-session-v1."), saved);
    assertTrue(saved.matches("[A-Za-z0-9._-]+"), saved);
    assertTrue(saved.length() < 250, "length " + saved.length());
  }

  @Test
  void toString_hasNoSecrets() {
    AuthorizationSession s = Fixtures.flow().newSession(Fixtures.REDIRECT);
    assertFalse(s.toString().contains(s.state()));
    assertFalse(s.toString().contains(s.codeVerifier().value()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "pkce4j-session-v2.a.b.c.d.e", "pkce4j-session-v1.a.b.c.d",
      "pkce4j-session-v1.a.b.c.d.e.f", "pkce4j-session-v1....."})
  void restore_malformed_throws(String saved) {
    assertThrows(IllegalArgumentException.class, () -> AuthorizationSession.parse(saved));
  }

  @Test
  void restore_tamperedVerifier_throwsWithoutQuotingIt() {
    String saved = Fixtures.flow().newSession(Fixtures.REDIRECT).serialize();
    String shortVerifier = saved.replaceFirst("v1\\.[^.]+", "v1.YWJj");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AuthorizationSession.parse(shortVerifier));
    assertEquals("saved pkce4j session: code_verifier has 3 characters; RFC 7636 section 4.1 requires"
        + " 43 to 128", e.getMessage());
  }

  /** Replaces field {@code index} (1 = verifier ... 5 = issuer) of a saved session. */
  private static String withField(String saved, int index, String value) {
    String[] f = saved.split("\\.", -1);
    f[index] = value.isEmpty() ? "" : io.github.pkce4j.internal.Base64Url.encode(
        io.github.pkce4j.client.internal.UrlEncoding.utf8(value));
    return String.join(".", f);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "state-state-state-state-state-state-state-t",
      "state-state-state-state-state-state-state-state", "c3RhdGU", "a+b/c=",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
  void restore_acceptsOnlyStatesAsSaveWritesThem(String state) {
    String saved = Fixtures.flow().newSession(Fixtures.REDIRECT).serialize();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AuthorizationSession.parse(withField(saved, 2, state)));
    assertEquals("saved pkce4j session: field state is not 32 random bytes in base64url, as"
        + " pkce4j makes it (RFC 6749 section 10.10)", e.getMessage());
  }

  @Test
  void restore_acceptsOnlyNoncesAsSaveWritesThem() {
    String saved = PkceLoginFlow.builder(Fixtures.metadata(false), "c").scope("openid").build()
        .newSession(Fixtures.REDIRECT).serialize();
    assertThrows(IllegalArgumentException.class,
        () -> AuthorizationSession.parse(withField(saved, 3, "n")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert(1)", "not a url", "http://127.attacker.example/cb",
      "https://as.example.com/cb#frag", "relative/cb"})
  void restore_redirectUriUnderTheUriRules(String redirectUri) {
    String saved = Fixtures.flow().newSession(Fixtures.REDIRECT).serialize();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AuthorizationSession.parse(UriRulesTest.withRedirectUri(saved, redirectUri)));
    assertTrue(e.getMessage().startsWith("saved pkce4j session: redirect URI"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://attacker.example?x=1", "http://127.attacker.example",
      "http://localhost:8080", "ftp://as.example.com", "x"})
  void restore_issuerUnderTheUriRules(String issuer) {
    String saved = Fixtures.flow().newSession(Fixtures.REDIRECT).serialize();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AuthorizationSession.parse(withField(saved, 5, issuer)));
    assertTrue(e.getMessage().startsWith("saved pkce4j session: "), e.getMessage());
  }

  @Test
  void restore_nonCanonicalBase64_isRefused() {
    String saved = Fixtures.flow().newSession(Fixtures.REDIRECT).serialize();
    assertThrows(IllegalArgumentException.class, () -> AuthorizationSession.parse(saved + "="));
    assertThrows(IllegalArgumentException.class, () -> AuthorizationSession.parse(saved + "B"));
  }

  @Test
  void singleUse_secondTokenRequestWithTheSameSession_isRefused() {
    PkceLoginFlow flow = Fixtures.flow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    AuthorizationResponse first = flow.parseRedirect(s,
        Fixtures.REDIRECT + "?code=FIRST&state=" + s.state());
    AuthorizationResponse second = flow.parseRedirect(s,
        Fixtures.REDIRECT + "?code=SECOND&state=" + s.state());
    assertFalse(s.exchangeStarted());
    flow.tokenRequest(s, first);
    assertTrue(s.exchangeStarted());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> flow.tokenRequest(s, second));
    assertEquals("this session's code exchange has already been started; the authorization code"
        + " and the code_verifier are single-use (RFC 6749 section 4.1.2, RFC 7636 section 4.1)."
        + " Start a new session for a new login", e.getMessage());
  }

  @Test
  void singleUse_secondExchangeWithTheSameSession_sendsNothing() throws Exception {
    PkceLoginFlow flow = Fixtures.flow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    AuthorizationResponse r = flow.parseRedirect(s, Fixtures.REDIRECT + "?code=C&state=" + s.state());
    int[] sent = new int[1];
    HttpTransport transport = request -> {
      sent[0]++;
      return Fixtures.response(200, "application/json",
          "{\"access_token\":\"A\",\"token_type\":\"Bearer\"}");
    };
    assertEquals("A", flow.exchange(s, r, transport).accessToken());
    assertThrows(IllegalStateException.class, () -> flow.exchange(s, r, transport));
    assertEquals(1, sent[0]);
  }

  @Test
  void singleUse_restoredCopyIsANewObject_theAppMustConsumeTheSavedString() {
    PkceLoginFlow flow = Fixtures.flow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    AuthorizationResponse r = flow.parseRedirect(s, Fixtures.REDIRECT + "?code=C&state=" + s.state());
    String saved = s.serialize();
    flow.tokenRequest(s, r);
    AuthorizationSession copy = AuthorizationSession.parse(saved);
    assertFalse(copy.exchangeStarted());
    assertEquals(s.serialize(), copy.serialize());
  }
}
