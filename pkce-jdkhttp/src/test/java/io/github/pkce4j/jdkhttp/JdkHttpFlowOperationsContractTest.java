package io.github.pkce4j.jdkhttp;

import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.PushedAuthorization;
import io.github.pkce4j.client.RefreshRequest;
import io.github.pkce4j.client.RefreshedTokens;
import io.github.pkce4j.client.TokenResponse;
import io.github.pkce4j.client.TokenTypeHint;
import io.github.pkce4j.tck.FlowOperationsContractTest;
import java.time.Duration;

/** PAR, refresh, revocation and the OpenID exchange, blocking through the flow, on java.net.http. */
class JdkHttpFlowOperationsContractTest extends FlowOperationsContractTest {
  private final JdkHttpTransport transport =
      JdkHttpTransport.builder().timeout(Duration.ofSeconds(10)).build();

  @Override
  protected PushedAuthorization push(PkceLoginFlow flow, AuthorizationSession session)
      throws Exception {
    return flow.pushAuthorizationRequest(session, transport);
  }

  @Override
  protected RefreshedTokens refresh(PkceLoginFlow flow, RefreshRequest refresh) throws Exception {
    return flow.refresh(refresh, transport);
  }

  @Override
  protected void revoke(PkceLoginFlow flow, String token, TokenTypeHint hint) throws Exception {
    flow.revoke(token, hint, transport);
  }

  @Override
  protected TokenResponse exchange(PkceLoginFlow flow, AuthorizationSession session,
      AuthorizationResponse response) throws Exception {
    return flow.exchange(session, response, transport);
  }
}
