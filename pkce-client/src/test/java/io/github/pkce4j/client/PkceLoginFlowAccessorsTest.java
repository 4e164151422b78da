package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a flow, its sessions and its answers tell about themselves; nothing secret. */
class PkceLoginFlowAccessorsTest {
  @Test
  void flow_accessorsAndToString_nameClientAndIssuer() {
    ServerMetadata metadata = Fixtures.metadata(false);
    PkceLoginFlow flow = PkceLoginFlow.builder(metadata, "client-1").build();
    assertSame(metadata, flow.metadata());
    assertEquals("client-1", flow.clientId());
    assertTrue(flow.toString().startsWith("PkceLoginFlow[client_id=client-1, issuer="
        + Fixtures.ISSUER + ", "), flow.toString());
    assertEquals("ServerMetadata[issuer=" + Fixtures.ISSUER + ", authorization_endpoint="
        + Fixtures.ISSUER + "/authorize, token_endpoint=" + Fixtures.ISSUER + "/token]",
        metadata.toString());
  }

  @Test
  void newSession_withoutArgument_usesTheBuildersRedirectUri() {
    PkceLoginFlow flow = PkceLoginFlow.builder(Fixtures.metadata(false), "c")
        .redirectUri(Fixtures.REDIRECT).build();
    assertEquals(Fixtures.REDIRECT, flow.newSession().redirectUri());
  }

  @Test
  void newSession_withoutArgumentOrBuilderRedirectUri_throws() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Fixtures.flow().newSession());
    assertEquals("no redirect URI: set Builder.redirectUri(...) or call newSession(redirectUri)",
        e.getMessage());
  }

  @Test
  void authorizationResponse_toString_redactsTheCodeAndShowsIss() {
    assertEquals("AuthorizationResponse[code=redacted]",
        new AuthorizationResponse("secret-code", null).toString());
    assertEquals("AuthorizationResponse[code=redacted, iss=" + Fixtures.ISSUER + "]",
        new AuthorizationResponse("secret-code", Fixtures.ISSUER).toString());
  }

  @Test
  void parseRedirect_fragmentIsIgnoredAndAMissingQueryHasNoState() {
    PkceLoginFlow flow = Fixtures.flow();
    AuthorizationSession session = flow.newSession(Fixtures.REDIRECT);
    assertEquals("c1", flow.parseRedirect(session,
        Fixtures.REDIRECT + "?code=c1&state=" + session.state() + "#state=forged").code());
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(session, Fixtures.REDIRECT + "#code=c1&state=" + session.state()));
    assertEquals(ResponseRejectedException.STATE_MISMATCH, e.errorCode());
  }
}
