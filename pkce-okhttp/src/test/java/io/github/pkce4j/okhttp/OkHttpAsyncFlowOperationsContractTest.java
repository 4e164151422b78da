package io.github.pkce4j.okhttp;

import io.github.pkce4j.PkceException;
import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.PushedAuthorization;
import io.github.pkce4j.client.RefreshRequest;
import io.github.pkce4j.client.RefreshedTokens;
import io.github.pkce4j.client.TokenResponse;
import io.github.pkce4j.client.TokenTypeHint;
import io.github.pkce4j.tck.FlowOperationsContractTest;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;

/**
 * PAR, refresh, revocation and the OpenID exchange through {@link OkHttpTransport}'s enqueued
 * calls and their callbacks ({@link ResultCallback}, {@link TokenCallback}), on dispatcher
 * threads.
 */
class OkHttpAsyncFlowOperationsContractTest extends FlowOperationsContractTest {
  private final OkHttpTransport transport =
      OkHttpTransport.create(OkHttpTransportContractTest.APP_CLIENT);

  /** A callback completing a future: the result, or the refusal or failure as its cause. */
  private static final class Outcome<T> implements ResultCallback<T>, TokenCallback {
    final CompletableFuture<Object> future = new CompletableFuture<Object>();

    @Override
    public void onSuccess(Call call, T result) {
      future.complete(result);
    }

    @Override
    public void onTokens(Call call, TokenResponse tokens) {
      future.complete(tokens);
    }

    @Override
    public void onRejected(Call call, PkceException error) {
      future.completeExceptionally(error);
    }

    @Override
    public void onFailure(Call call, IOException failure) {
      future.completeExceptionally(failure);
    }

    @SuppressWarnings("unchecked")
    <R> R await() throws Exception {
      try {
        return (R) future.get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw (Exception) e.getCause();
      }
    }
  }

  @Override
  protected PushedAuthorization push(PkceLoginFlow flow, AuthorizationSession session)
      throws Exception {
    Outcome<PushedAuthorization> outcome = new Outcome<PushedAuthorization>();
    transport.enqueuePush(flow, session, outcome);
    return outcome.await();
  }

  @Override
  protected RefreshedTokens refresh(PkceLoginFlow flow, RefreshRequest refresh) throws Exception {
    Outcome<RefreshedTokens> outcome = new Outcome<RefreshedTokens>();
    transport.enqueueRefresh(flow, refresh, outcome);
    return outcome.await();
  }

  @Override
  protected void revoke(PkceLoginFlow flow, String token, TokenTypeHint hint) throws Exception {
    Outcome<Void> outcome = new Outcome<Void>();
    transport.enqueueRevocation(flow, token, hint, outcome);
    outcome.<Void>await();
  }

  @Override
  protected TokenResponse exchange(PkceLoginFlow flow, AuthorizationSession session,
      AuthorizationResponse response) throws Exception {
    Outcome<TokenResponse> outcome = new Outcome<TokenResponse>();
    transport.enqueueExchange(flow, session, response, outcome);
    return outcome.await();
  }
}
