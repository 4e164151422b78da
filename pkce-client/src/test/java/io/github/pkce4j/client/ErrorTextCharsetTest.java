package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.internal.PrintableText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6749 sections 4.1.2.1 and 5.2: {@code error_description} and {@code error_uri} are limited
 * to %x20-21 / %x23-5B / %x5D-7E. pkce4j's rule: text outside that set is treated as absent (the
 * error code stays, the error stays terminal), and no exception message carries a raw control
 * character from the network (security review finding 4).
 */
class ErrorTextCharsetTest {
  private final PkceLoginFlow flow = Fixtures.flow();
  private final AuthorizationSession session = flow.newSession(Fixtures.REDIRECT);

  @Test
  void errorCharset_redirectDescriptionWithEscapes_isAbsent() {
    OAuthErrorException e = assertThrows(OAuthErrorException.class,
        () -> flow.parseRedirect(session, Fixtures.REDIRECT + "?error=access_denied&state="
            + session.state() + "&error_description=%1B%5D0%3Bpwned%07%0Anew+line%C2%9B"
            + "&error_uri=javascript%3Aalert(1)"));
    assertEquals("access_denied", e.errorCode());
    assertNull(e.errorDescriptionOrNull());
    assertNull(e.errorUriOrNull());
    assertTrue(PrintableText.isPrintable(e.getMessage()), e.getMessage());
  }

  @Test
  void errorCharset_tokenDescriptionWithEscapes_isAbsent() {
    OAuthErrorException e = assertThrows(OAuthErrorException.class,
        () -> flow.tokenResponse(Fixtures.response(400, "application/json",
            "{\"error\":\"invalid_grant\",\"error_description\":\"\\u001b[2J\\u0007\"}")));
    assertEquals("invalid_grant", e.errorCode());
    assertNull(e.errorDescriptionOrNull());
    assertTrue(PrintableText.isPrintable(e.getMessage()), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"tab\\there", "quote\\\"", "back\\\\slash", "caf\u00e9", "\u202eevil",
      "line\\u2028break", "c1\\u0085"})
  void errorCharset_descriptionOutsideTheSet_isAbsent(String description) {
    OAuthErrorException e = assertThrows(OAuthErrorException.class,
        () -> flow.tokenResponse(Fixtures.response(400, "application/json",
            "{\"error\":\"invalid_grant\",\"error_description\":\"" + description + "\"}")));
    assertNull(e.errorDescriptionOrNull(), e.errorDescriptionOrNull());
  }

  @Test
  void errorCharset_descriptionAndUriInTheSet_arePassedOn() {
    OAuthErrorException e = assertThrows(OAuthErrorException.class,
        () -> flow.tokenResponse(Fixtures.response(400, "application/json",
            "{\"error\":\"invalid_grant\",\"error_description\":\"code expired! see [docs] ~\","
                + "\"error_uri\":\"https://as.example.com/errors?id=1\"}")));
    assertEquals("code expired! see [docs] ~", e.errorDescriptionOrNull());
    assertEquals("https://as.example.com/errors?id=1", e.errorUriOrNull());
    assertTrue(e.getMessage().endsWith(": code expired! see [docs] ~"), e.getMessage());
  }

  @Test
  void errorCharset_contentTypeWithEscapes_neverReachesTheMessage() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.tokenResponse(Fixtures.response(400, "text/html\u001b]0;PWNED\u0007\u001b[2J",
            "<html>")));
    assertTrue(PrintableText.isPrintable(e.getMessage()), e.getMessage());
    assertTrue(e.getMessage().contains("text/html\\u001b]0;PWNED"), e.getMessage());
  }

  @Test
  void errorCharset_redirectAtAnotherPathWithControls_neverReachesTheMessage() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(session, "http://127.0.0.1:4711/x\u001b[2J\u009b?code=c&state="
            + session.state()));
    assertTrue(PrintableText.isPrintable(e.getMessage()), e.getMessage());
  }

  @Test
  void errorCharset_foreignIssWithControls_isShownEscaped() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(session, Fixtures.REDIRECT + "?code=c&state=" + session.state()
            + "&iss=https%3A%2F%2Fevil%1B%5B2J"));
    assertEquals(ResponseRejectedException.ISSUER_MISMATCH, e.errorCode());
    assertTrue(e.getMessage().contains("https://evil\\u001b[2J"), e.getMessage());
  }
}
