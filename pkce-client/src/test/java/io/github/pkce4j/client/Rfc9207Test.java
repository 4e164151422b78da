package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pkce4j.client.internal.UrlEncoding;
import org.junit.jupiter.api.Test;

/** RFC 9207 §2.4: the {@code iss} authorization response parameter. */
class Rfc9207Test {
  private static String iss(String issuer) {
    return "&iss=" + UrlEncoding.encodeQueryComponent(issuer);
  }

  @Test
  void issPresentAndEqual_isAccepted() {
    PkceLoginFlow flow = PkceLoginFlow.builder(Fixtures.metadata(true), "c").build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    AuthorizationResponse r = flow.parseRedirect(s,
        Fixtures.REDIRECT + "?code=c&state=" + s.state() + iss(Fixtures.ISSUER));
    assertEquals(Fixtures.ISSUER, r.issuerOrNull());
  }

  @Test
  void issPresentAndDifferent_throwsIssuerMismatch() {
    PkceLoginFlow flow = Fixtures.flow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(s, Fixtures.REDIRECT + "?code=c&state=" + s.state()
            + iss("https://attacker.example.com")));
    assertEquals(ResponseRejectedException.ISSUER_MISMATCH, e.errorCode());
  }

  @Test
  void issWithTrailingSlash_isNotEqual() {
    PkceLoginFlow flow = Fixtures.flow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    assertThrows(ResponseRejectedException.class, () -> flow.parseRedirect(s,
        Fixtures.REDIRECT + "?code=c&state=" + s.state() + iss(Fixtures.ISSUER + "/")));
  }

  @Test
  void issMissing_whenMetadataSaysSupported_throwsIssuerMismatch() {
    PkceLoginFlow flow = PkceLoginFlow.builder(Fixtures.metadata(true), "c").build();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(s, Fixtures.REDIRECT + "?code=c&state=" + s.state()));
    assertEquals(ResponseRejectedException.ISSUER_MISMATCH, e.errorCode());
  }

  @Test
  void issMissing_whenNotAdvertised_isAccepted() {
    PkceLoginFlow flow = Fixtures.flow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    assertEquals("c", flow.parseRedirect(s, Fixtures.REDIRECT + "?code=c&state=" + s.state())
        .code());
  }

  @Test
  void errorResponseFromOtherIssuer_throwsIssuerMismatchNotTheError() {
    PkceLoginFlow flow = Fixtures.flow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(s, Fixtures.REDIRECT + "?error=access_denied&state=" + s.state()
            + iss("https://attacker.example.com")));
    assertEquals(ResponseRejectedException.ISSUER_MISMATCH, e.errorCode());
  }

  @Test
  void issTwice_throwsInvalidResponse() {
    PkceLoginFlow flow = Fixtures.flow();
    AuthorizationSession s = flow.newSession(Fixtures.REDIRECT);
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(s, Fixtures.REDIRECT + "?code=c&state=" + s.state()
            + iss(Fixtures.ISSUER) + iss(Fixtures.ISSUER)));
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
  }
}
