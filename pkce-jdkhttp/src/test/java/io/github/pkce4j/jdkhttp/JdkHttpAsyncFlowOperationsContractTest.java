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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * PAR, refresh, revocation and the OpenID exchange through {@link JdkHttpTransport}'s {@code
 * CompletableFuture} calls; a failed future's cause is what the contract checks.
 */
class JdkHttpAsyncFlowOperationsContractTest extends FlowOperationsContractTest {
  private final JdkHttpTransport transport =
      JdkHttpTransport.builder().timeout(Duration.ofSeconds(10)).build();

  private static <T> T join(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }

  @Override
  protected PushedAuthorization push(PkceLoginFlow flow, AuthorizationSession session)
      throws Exception {
    return join(transport.pushAuthorizationRequestAsync(flow, session));
  }

  @Override
  protected RefreshedTokens refresh(PkceLoginFlow flow, RefreshRequest refresh) throws Exception {
    return join(transport.refreshAsync(flow, refresh));
  }

  @Override
  protected void revoke(PkceLoginFlow flow, String token, TokenTypeHint hint) throws Exception {
    join(transport.revokeAsync(flow, token, hint));
  }

  @Override
  protected TokenResponse exchange(PkceLoginFlow flow, AuthorizationSession session,
      AuthorizationResponse response) throws Exception {
    return join(transport.exchangeAsync(flow, session, response));
  }
}
