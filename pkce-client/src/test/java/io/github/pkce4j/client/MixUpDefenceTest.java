package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mix-up defence (RFC 9700 section 4.4.2, RFC 9207 section 2.4, checklist C10; security review
 * finding 1): a session remembers the issuer it was made for, and the flow of another issuer
 * refuses it before anything is parsed or sent, so the honest server's code and the verifier
 * never go to another token endpoint.
 */
class MixUpDefenceTest {
  private static final String REDIRECT = "com.example.app:/oauth2redirect";

  private static PkceLoginFlow flow(String host, boolean iss) {
    return PkceLoginFlow.builder(ServerMetadata.builder("https://" + host)
        .authorizationEndpoint("https://" + host + "/authorize")
        .tokenEndpoint("https://" + host + "/token")
        .authorizationResponseIssParameterSupported(iss).build(), "app").build();
  }

  private final PkceLoginFlow honest = flow("honest.example", true);
  private final PkceLoginFlow attacker = flow("attacker.example", false);
  private final AuthorizationSession session = honest.newSession(REDIRECT);

  @Test
  void mixUp_parseRedirectWithAnotherIssuersFlow_isIssuerMismatchNamingBothIssuers() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> attacker.parseRedirect(session,
            REDIRECT + "?code=HONEST_CODE&state=" + session.state()));
    assertEquals(ResponseRejectedException.ISSUER_MISMATCH, e.errorCode());
    assertTrue(e.getMessage().contains("https://honest.example"), e.getMessage());
    assertTrue(e.getMessage().contains("https://attacker.example"), e.getMessage());
    assertFalse(e.getMessage().contains("HONEST_CODE"), e.getMessage());
  }

  @Test
  void mixUp_checkedBeforeTheRedirectIsParsed() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> attacker.parseRedirect(session, "%%%not a url"));
    assertEquals(ResponseRejectedException.ISSUER_MISMATCH, e.errorCode());
  }

  @Test
  void mixUp_tokenRequestWithAnotherIssuersFlow_isRefusedAndSessionStaysUnused() {
    AuthorizationResponse response = honest.parseRedirect(session,
        REDIRECT + "?code=HONEST_CODE&state=" + session.state() + "&iss=https%3A%2F%2Fhonest.example");
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> attacker.tokenRequest(session, response));
    assertEquals(ResponseRejectedException.ISSUER_MISMATCH, e.errorCode());
    assertFalse(session.exchangeStarted());
    assertEquals("https://honest.example/token", honest.tokenRequest(session, response).url());
  }

  @Test
  void mixUp_exchangeWithAnotherIssuersFlow_sendsNothing() {
    AuthorizationResponse response = honest.parseRedirect(session,
        REDIRECT + "?code=HONEST_CODE&state=" + session.state() + "&iss=https%3A%2F%2Fhonest.example");
    List<TransportRequest> sent = new ArrayList<TransportRequest>();
    HttpTransport recording = request -> {
      sent.add(request);
      return Fixtures.response(400, "application/json", "{\"error\":\"invalid_grant\"}");
    };
    assertThrows(ResponseRejectedException.class,
        () -> attacker.exchange(session, response, recording));
    assertTrue(sent.isEmpty(), "sent " + sent);
  }

  @Test
  void mixUp_sameIssuer_isAccepted() {
    AuthorizationSession own = attacker.newSession(REDIRECT);
    assertEquals("C", attacker.parseRedirect(own, REDIRECT + "?code=C&state=" + own.state())
        .code());
  }
}
