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

    AuthorizationSession r = AuthorizationSession.restore(s.save());

    assertEquals(s.codeVerifier().value(), r.codeVerifier().value());
    assertEquals(s.state(), r.state());
    assertEquals(s.nonceOrNull(), r.nonceOrNull());
    assertEquals(s.redirectUri(), r.redirectUri());
    assertEquals(s.expectedIssuer(), r.expectedIssuer());
    assertEquals(s.save(), r.save());
  }

  @Test
  void restored_completesTheSameLogin() {
    PkceLoginFlow flow = Fixtures.flow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    AuthorizationSession r = AuthorizationSession.restore(s.save());
    assertNull(r.nonceOrNull());
    assertEquals("c", flow.parseRedirect(r, Fixtures.REDIRECT + "?code=c&state=" + s.state())
        .code());
  }

  @Test
  void save_isCompactAscii() {
    String saved = Fixtures.flow().newSession(Fixtures.REDIRECT).save();
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
    assertThrows(IllegalArgumentException.class, () -> AuthorizationSession.restore(saved));
  }

  @Test
  void restore_tamperedVerifier_throwsWithoutQuotingIt() {
    String saved = Fixtures.flow().newSession(Fixtures.REDIRECT).save();
    String shortVerifier = saved.replaceFirst("v1\\.[^.]+", "v1.YWJj");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AuthorizationSession.restore(shortVerifier));
    assertEquals("saved pkce4j session: code_verifier has 3 characters; RFC 7636 section 4.1 requires"
        + " 43 to 128", e.getMessage());
  }
}
