package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6749 §4.1.2 and §10.12: parsing the authorization redirect. */
class RedirectParsingTest {
  private final PkceLoginFlow flow = Fixtures.flow();
  private final AuthorizationSession session = flow.newSession(Fixtures.REDIRECT);

  private String redirect(String query) {
    return Fixtures.REDIRECT + "?" + query;
  }

  @Test
  void parseRedirect_matchingState_returnsCode() {
    AuthorizationResponse r = flow.parseRedirect(session,
        redirect("code=SplxlOBeZQQYbYS6WxSbIA&state=" + session.state()));
    assertEquals("SplxlOBeZQQYbYS6WxSbIA", r.code());
    assertNull(r.issuerOrNull());
  }

  @Test
  void parseRedirect_percentEncodedCode_isDecoded() {
    AuthorizationResponse r = flow.parseRedirect(session,
        redirect("state=" + session.state() + "&code=aPrx%21%2Fb%3D%3D"));
    assertEquals("aPrx!/b==", r.code());
  }

  @Test
  void parseRedirect_fragment_isIgnored() {
    AuthorizationResponse r = flow.parseRedirect(session,
        redirect("code=c&state=" + session.state()) + "#code=other");
    assertEquals("c", r.code());
  }

  @Test
  void parseRedirect_wrongState_throwsStateMismatch() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(session, redirect("code=c&state=x" + session.state())));
    assertEquals(ResponseRejectedException.STATE_MISMATCH, e.errorCode());
    assertTrue(!e.getMessage().contains(session.state()), "never echo the state");
  }

  @Test
  void parseRedirect_stateOneCharShort_throwsStateMismatch() {
    String shortState = session.state().substring(0, 42);
    assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(session, redirect("code=c&state=" + shortState)));
  }

  @Test
  void parseRedirect_noState_throwsStateMismatch() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(session, redirect("code=c")));
    assertEquals(ResponseRejectedException.STATE_MISMATCH, e.errorCode());
  }

  @Test
  void parseRedirect_noQueryAtAll_throwsStateMismatch() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(session, Fixtures.REDIRECT));
    assertEquals(ResponseRejectedException.STATE_MISMATCH, e.errorCode());
  }

  @Test
  void parseRedirect_stateTwice_throwsStateMismatch() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(session,
            redirect("code=c&state=" + session.state() + "&state=" + session.state())));
    assertEquals(ResponseRejectedException.STATE_MISMATCH, e.errorCode());
  }

  /** The state check comes before anything else: an attacker's error or iss is never acted on. */
  @Test
  void parseRedirect_wrongStateWithErrorAndForeignIss_throwsStateMismatchFirst() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(session, redirect("error=access_denied&iss=https%3A%2F%2Fevil"
            + "&code=a&code=b&state=forged")));
    assertEquals(ResponseRejectedException.STATE_MISMATCH, e.errorCode());
  }

  @Test
  void parseRedirect_wrongStateAtWrongUri_throwsStateMismatchFirst() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(session, "http://127.0.0.1:9999/other?code=c&state=forged"));
    assertEquals(ResponseRejectedException.STATE_MISMATCH, e.errorCode());
  }

  @Test
  void parseRedirect_otherRedirectUri_throwsInvalidResponse() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(session,
            "http://127.0.0.1:9999/callback?code=c&state=" + session.state()));
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
  }

  @Test
  void parseRedirect_errorRedirect_throwsOAuthErrorWithAllFields() {
    OAuthErrorException e = assertThrows(OAuthErrorException.class,
        () -> flow.parseRedirect(session, redirect("error=access_denied"
            + "&error_description=The+user+said+no&error_uri=https%3A%2F%2Fas.example.com%2Fe"
            + "&state=" + session.state())));
    assertEquals("access_denied", e.errorCode());
    assertEquals("The user said no", e.errorDescriptionOrNull());
    assertEquals("https://as.example.com/e", e.errorUriOrNull());
    assertEquals(0, e.httpStatus());
    assertEquals("access_denied: the authorization server redirected with error access_denied"
        + " (RFC 6749 §4.1.2.1): The user said no", e.getMessage());
  }

  @Test
  void parseRedirect_errorWithForbiddenChars_throwsInvalidResponse() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(session, redirect("error=%22bad%5C&state=" + session.state())));
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "code=", "code=a&code=b", "code=a%0Ab", "code=%C3%A9"})
  void parseRedirect_badCode_throwsInvalidResponse(String codePart) {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(session, redirect(codePart + "&state=" + session.state())));
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
  }

  @Test
  void parseRedirect_malformedPercentEscape_throwsInvalidResponse() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(session, redirect("code=%zz&state=" + session.state())));
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
  }

  @Test
  void parseRedirect_redirectUriWithQuery_matchesOnPathAndKeepsParameters() {
    AuthorizationSession s = flow.newSession("https://app.example.com/cb?tenant=1");
    AuthorizationResponse r = flow.parseRedirect(s,
        "https://app.example.com/cb?tenant=1&code=c&state=" + s.state());
    assertEquals("c", r.code());
  }
}
